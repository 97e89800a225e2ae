import type { DataSource } from 'typeorm';
import { hashPassword } from '../../server/auth/passwords';
import { creditCodeCheck } from '../../server/harmonious/credit-code';
import { checkCharacter } from '../../server/worker/id-number';
import { TEST_PASSWORD } from './server';
import { sealedIdNumber, testCipher } from './personal-data';

export interface FixtureOrg {
  id: number;
  code: string;
  path: string;
  level: string;
}

export async function insertOrg(
  db: DataSource,
  parent: FixtureOrg | null,
  code: string,
  level: string,
  name = `${code} 工会`,
): Promise<FixtureOrg> {
  const [{ id }] = (await db.query(`SELECT nextval(pg_get_serial_sequence('orgs', 'id'))::int AS id`)) as [{ id: number }];
  const path = parent ? `${parent.path}.${id}` : String(id);
  await db.query('INSERT INTO orgs (id, parent_id, code, name, level, path) VALUES ($1, $2, $3, $4, $5, $6::ltree)', [
    id,
    parent?.id ?? null,
    code,
    name,
    level,
    path,
  ]);
  return { id, code, path, level };
}

let hash: Promise<string> | undefined;

export async function insertUser(db: DataSource, username: string, roles: [role: string, org: FixtureOrg][]): Promise<number> {
  hash ??= hashPassword(TEST_PASSWORD);
  const [{ id }] = (await db.query('INSERT INTO users (username, display_name, password_hash) VALUES ($1, $1, $2) RETURNING id', [
    username,
    await hash,
  ])) as [{ id: number }];
  for (const [role, org] of roles)
    await db.query('INSERT INTO role_assignments (user_id, org_id, role) VALUES ($1, $2, $3)', [id, org.id, role]);
  return id;
}

/** A valid unified social credit code of an enterprise, one per serial. */
export function makeCreditCode(serial: number): string {
  const first17 = `91230102MA${String(serial).padStart(7, '0')}`;
  return `${first17}${creditCodeCheck(first17)}`;
}

/** A valid resident ID number for a birth date, sex and serial (distinct serials give distinct numbers). */
export function makeIdNumber(birthDate: string, gender: 'MALE' | 'FEMALE', serial: number, region = '230102'): string {
  const sequence = (serial % 500) * 2 + (gender === 'MALE' ? 1 : 0);
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  if (serial >= 500) throw new Error('serial must be below 500 per birth date');
  return `${first17}${checkCharacter(first17)}`;
}

export async function insertWorker(
  db: DataSource,
  org: FixtureOrg,
  fields: {
    name?: string;
    gender?: 'MALE' | 'FEMALE';
    birthDate?: string;
    education?: string;
    isMember?: boolean;
    isMigrantWorker?: boolean;
    serial: number;
    phone?: string;
  },
): Promise<string> {
  const gender = fields.gender ?? 'MALE';
  const birthDate = fields.birthDate ?? '1980-05-17';
  const [{ id }] = (await db.query(
    `INSERT INTO workers (org_id, name, id_number_cipher, id_number_hash, gender, birth_date, education, employment_status, is_member,
       is_migrant_worker, is_model_worker, phone_cipher)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'EMPLOYED', $8, $9, false, $10) RETURNING id::text AS id`,
    [
      org.id,
      fields.name ?? `职工${fields.serial}`,
      ...sealedIdNumber(makeIdNumber(birthDate, gender, fields.serial)),
      gender,
      birthDate,
      fields.education ?? 'HIGH_SCHOOL',
      fields.isMember ?? true,
      fields.isMigrantWorker ?? false,
      testCipher.seal('phone', fields.phone ?? '13812345678'),
    ],
  )) as [{ id: string }];
  return id;
}

export async function insertArchive(
  db: DataSource,
  workerId: string,
  fields: { householdSize: number; incomeFen: number; causes?: string[]; illness?: string; liftedOn?: string },
): Promise<string> {
  const [{ id }] = (await db.query(
    `INSERT INTO hardship_archives (worker_id, household_size, household_monthly_income_fen, causes, illness, opened_on, lifted_on, lift_reason)
     VALUES ($1, $2, $3, $4::hardship_cause[], $5, '2020-03-01', $6, $7) RETURNING id::text AS id`,
    [
      workerId,
      fields.householdSize,
      fields.incomeFen,
      fields.causes ?? ['LAID_OFF'],
      fields.illness ?? null,
      fields.liftedOn ?? null,
      fields.liftedOn ? '再就业' : null,
    ],
  )) as [{ id: string }];
  return id;
}

export async function insertLines(
  db: DataSource,
  root: FixtureOrg,
  hardshipFen = 28000,
  extremeFen = 24500,
  from = '2010-01-01',
): Promise<void> {
  await db.query('INSERT INTO hardship_lines (root_org_id, effective_from, hardship_line_fen, extreme_line_fen) VALUES ($1, $2, $3, $4)', [
    root.id,
    from,
    hardshipFen,
    extremeFen,
  ]);
}

/**
 * The tree the permission tests use:
 * M ─ C1 ─ T1 ─ E1, E1b
 *   │    └ T1b ─ E1c
 *   └ C2 ─ T2 ─ E2
 * with one user per role at M, C1, T1 and E1 (`admin.c1`, `viewer.e1`, …) and a worker with an open
 * archive at every org.
 */
export async function buildPermissionTree(db: DataSource) {
  const M = await insertOrg(db, null, 'M', 'MUNICIPAL');
  const C1 = await insertOrg(db, M, 'C1', 'COUNTY');
  const C2 = await insertOrg(db, M, 'C2', 'COUNTY');
  const T1 = await insertOrg(db, C1, 'T1', 'TOWNSHIP');
  const T1b = await insertOrg(db, C1, 'T1B', 'TOWNSHIP');
  const T2 = await insertOrg(db, C2, 'T2', 'TOWNSHIP');
  const E1 = await insertOrg(db, T1, 'E1', 'ENTERPRISE');
  const E1b = await insertOrg(db, T1, 'E1B', 'ENTERPRISE');
  const E1c = await insertOrg(db, T1b, 'E1C', 'ENTERPRISE');
  const E2 = await insertOrg(db, T2, 'E2', 'ENTERPRISE');
  const orgs = { M, C1, C2, T1, T1b, T2, E1, E1b, E1c, E2 };
  await insertLines(db, M);
  const workers: Record<string, string> = {};
  const archives: Record<string, string> = {};
  let serial = 1;
  for (const [name, org] of Object.entries(orgs)) {
    workers[name] = await insertWorker(db, org, { serial: serial++ });
    archives[name] = await insertArchive(db, workers[name]!, {
      householdSize: 3,
      incomeFen: 60000,
      causes: ['SERIOUS_ILLNESS'],
      illness: '尿毒症',
    });
  }
  for (const role of ['ADMIN', 'STAFF', 'FINANCE', 'VIEWER']) {
    for (const [name, org] of Object.entries({ M, C1, T1, E1 })) {
      await insertUser(db, `${role.toLowerCase()}.${name.toLowerCase()}`, [[role, org]]);
    }
  }
  return { orgs, workers, archives };
}

export type PermissionTree = Awaited<ReturnType<typeof buildPermissionTree>>;
