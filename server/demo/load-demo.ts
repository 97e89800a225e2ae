// Loads the demo data (DEMO.md) into an already migrated database: one transaction, rows
// streamed into COPY as they are generated, then ANALYZE.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, QueryRunner } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { AssistancePlan, CASE_COLUMNS, FUND_ACCOUNT_COLUMNS, LEDGER_COLUMNS, PAIRING_COLUMNS } from './assistance';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';
import { ARCHIVE_COLUMNS, DemoGenerator, HARDSHIP_LINE, ORG_COLUMNS, ROOT_CODE, WORKER_COLUMNS } from './generate';
import { CRITERION_COLUMNS, HarmoniousPlan, NAMING_COLUMNS, PARTICIPATION_COLUMNS, PROFILE_COLUMNS } from './harmonious';
import { rebuildTotals } from '../rollup/maintenance';
import type { PersonalDataCipher } from '../worker/personal-data';

/** True when the demo tree (root org `SF`) is in the database. */
export async function isDemoLoaded(db: DataSource): Promise<boolean> {
  const rows: unknown[] = await db.query('SELECT 1 FROM orgs WHERE code = $1', [ROOT_CODE]);
  return rows.length > 0;
}

/** The workers' columns as stored: the generator's plain ID and phone numbers, sealed. */
const SEALED_WORKER_COLUMNS = WORKER_COLUMNS.replace('id_number', 'id_number_cipher, id_number_hash').replace(/phone$/, 'phone_cipher');
const ID_NUMBER_FIELD = WORKER_COLUMNS.split(', ').indexOf('id_number');
const PHONE_FIELD = WORKER_COLUMNS.split(', ').indexOf('phone');

/** bytea in COPY's text format: `\x` and hex, with the backslash escaped for COPY. */
function copyBytes(bytes: Buffer): string {
  return `\\\\x${bytes.toString('hex')}`;
}

/** The generator's worker rows with the ID number sealed and hashed and the phone sealed, as the app keeps them. */
export function* sealWorkerRows(chunks: Iterable<string>, cipher: PersonalDataCipher): Generator<string> {
  for (const chunk of chunks) {
    let sealed = '';
    for (const line of chunk.split('\n')) {
      if (line === '') continue;
      const fields = line.split('\t');
      const idNumber = fields[ID_NUMBER_FIELD]!;
      const phone = fields[PHONE_FIELD]!;
      fields[ID_NUMBER_FIELD] = `${copyBytes(cipher.seal('id_number', idNumber))}\t${copyBytes(cipher.lookupHash(idNumber))}`;
      fields[PHONE_FIELD] = phone === '\\N' ? phone : copyBytes(cipher.seal('phone', phone));
      sealed += `${fields.join('\t')}\n`;
    }
    yield sealed;
  }
}

async function copyRows(client: PoolClient, target: string, rows: Iterable<string>): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  await pipeline(Readable.from(rows), stream);
  return stream.rowCount;
}

/**
 * The bulk-load recipe of PostgreSQL's manual (Populating a Database): drops the foreign keys and
 * the indexes (primary keys excepted) of `tables`, and returns the SQL that puts them back: each
 * foreign key checked in one pass and each index built in one sort, instead of row by row (a
 * million checks of `worker_id` against workers, one at a time, take longer than the whole rest
 * of the load). Inside the load's transaction, so nobody ever sees the tables without them.
 */
async function dropForBulkLoad(runner: QueryRunner, tables: readonly string[]): Promise<string> {
  const statements = (await runner.query(
    `SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname) AS "drop",
            format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS "create",
            1 AS step
       FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY($1::regclass[])
     UNION ALL
     SELECT format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid), 0
       FROM pg_index i
      WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY step, "create"`,
    [tables],
  )) as { drop: string; create: string }[];
  for (const { drop } of statements) await runner.query(drop);
  return statements.map(({ create }) => `${create};`).join('\n');
}

const ROLLUP_TRIGGER_TABLES = [
  'orgs',
  'workers',
  'hardship_archives',
  'hardship_lines',
  'pairings',
  'ledger_entries',
  'assistance_cases',
  'harmonious_participations',
  'harmonious_namings',
  'enterprise_profiles',
];
/** Tables the demo fills in bulk whose root id a trigger would look up row by row (migration RootIds). */
const ROOT_ID_TABLES = [
  'workers',
  'hardship_archives',
  'assistance_cases',
  'ledger_entries',
  'fund_accounts',
  'pairings',
  'enterprise_profiles',
  'harmonious_participations',
  'harmonious_criteria',
  'harmonious_namings',
];
const ANALYSED = `orgs, workers, hardship_archives, hardship_lines, users, role_assignments, assistance_cases, ledger_entries, fund_accounts,
  pairings, enterprise_profiles, harmonious_participations, harmonious_criteria, harmonious_namings`;

export async function loadDemo(
  db: DataSource,
  cipher: PersonalDataCipher,
  log: (msg: string) => void = () => undefined,
): Promise<{ orgs: number; workers: number; seconds: number }> {
  const started = performance.now();
  const lap = (() => {
    let last = started;
    return () => {
      const now = performance.now();
      const text = `${((now - last) / 1000).toFixed(1)} s`;
      last = now;
      return text;
    };
  })();
  // One argon2 hash for all the demo users: they share the password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const runner = db.createQueryRunner();
  // The pg client under TypeORM's query runner: COPY on it runs inside the runner's transaction.
  const client = (await runner.connect()) as PoolClient;
  let orgs: number;
  let workers: number;
  try {
    await runner.startTransaction();
    // Readers and writers of these tables wait until the load is done: explicit ids follow the
    // current maximum, and the bulk load drops foreign keys, which locks the tables they
    // reference. All taken at once, first, so that no lock is upgraded half-way.
    await runner.query(
      `LOCK TABLE orgs, users, workers, hardship_archives, assistance_cases, ledger_entries, fund_accounts, pairings,
                  enterprise_profiles, harmonious_participations, harmonious_criteria, harmonious_namings IN ACCESS EXCLUSIVE MODE`,
    );
    const existing: unknown[] = await runner.query('SELECT 1 FROM orgs WHERE code = $1', [ROOT_CODE]);
    if (existing.length > 0) throw new Error(`The demo data is already loaded (org ${ROOT_CODE} exists).`);
    // The rollup triggers would add cells row by row; the totals are built once at the end.
    for (const table of ROLLUP_TRIGGER_TABLES) await runner.query(`ALTER TABLE ${table} DISABLE TRIGGER rollup_${table}`);
    await runner.query('SET LOCAL synchronous_commit = off');
    await runner.query("SET LOCAL maintenance_work_mem = '256MB'");

    const [{ today, orgBase, workerBase, caseBase, entryBase, participationBase }] = (await runner.query(
      `SELECT to_char(current_date, 'YYYY-MM-DD') AS today,
              (SELECT coalesce(max(id), 0) FROM orgs)::int AS "orgBase",
              (SELECT coalesce(max(id), 0) FROM workers)::text AS "workerBase",
              (SELECT coalesce(max(id), 0) FROM assistance_cases)::text AS "caseBase",
              (SELECT coalesce(max(id), 0) FROM ledger_entries)::text AS "entryBase",
              (SELECT coalesce(max(id), 0) FROM harmonious_participations)::text AS "participationBase"`,
    )) as [{ today: string; orgBase: number; workerBase: string; caseBase: string; entryBase: string; participationBase: string }];
    const generator = new DemoGenerator({ today, orgBaseId: orgBase, workerBaseId: Number(workerBase) });

    orgs = await copyRows(client, `orgs (${ORG_COLUMNS})`, generator.orgRows());
    await runner.query(`SELECT setval(pg_get_serial_sequence('orgs', 'id'), (SELECT max(id) FROM orgs))`);
    const rootId = generator.orgs[0]!.id;
    // Every row of the demo is of its one tree: the root id is a default while the load runs.
    for (const table of ROOT_ID_TABLES) {
      await runner.query(`ALTER TABLE ${table} ALTER COLUMN root_id SET DEFAULT ${Number(rootId)}`);
      await runner.query(`ALTER TABLE ${table} DISABLE TRIGGER root_id_${table}`);
    }
    await runner.query(
      'INSERT INTO hardship_lines (root_org_id, effective_from, hardship_line_fen, extreme_line_fen) VALUES ($1, $2, $3, $4)',
      [rootId, HARDSHIP_LINE.effectiveFrom, HARDSHIP_LINE.hardshipLineFen, HARDSHIP_LINE.extremeLineFen],
    );
    const users = (await runner.query(
      `INSERT INTO users (username, display_name, password_hash)
       SELECT username, display_name, $3 FROM unnest($1::text[], $2::text[]) AS u(username, display_name)
       RETURNING id, username`,
      [DEMO_USERS.map((user) => user.username), DEMO_USERS.map((user) => user.displayName), passwordHash],
    )) as { id: number; username: string }[];
    await runner.query(
      `INSERT INTO role_assignments (user_id, org_id, role)
       SELECT u.id, o.id, r.role::role
         FROM unnest($1::text[], $2::text[], $3::text[]) AS r(username, code, role)
         JOIN users u ON u.username = r.username
         JOIN orgs o ON o.code = r.code`,
      [DEMO_USERS.map((user) => user.username), DEMO_USERS.map((user) => user.orgCode), DEMO_USERS.map((user) => user.role)],
    );
    const userIds = new Map(users.map((user) => [user.username, user.id]));
    log(`${orgs} orgs, the hardship line and ${DEMO_USERS.length} users (${lap()})`);

    const restoreWorkers = await dropForBulkLoad(runner, ['workers', 'hardship_archives']);
    const restoreCases = await dropForBulkLoad(runner, ['assistance_cases', 'ledger_entries']);
    workers = await copyRows(client, `workers (${SEALED_WORKER_COLUMNS})`, sealWorkerRows(generator.workerRows(), cipher));
    await runner.query(`SELECT setval(pg_get_serial_sequence('workers', 'id'), (SELECT max(id) FROM workers))`);
    log(`${workers} workers, ${generator.totals.members} of them members (${lap()})`);

    const archives = await copyRows(client, `hardship_archives (${ARCHIVE_COLUMNS})`, generator.archiveRows());
    log(`${archives} hardship archives, ${generator.totals.openArchives} open (${lap()})`);

    // The database builds the workers' and archives' indexes while the assistance data is planned.
    const restoring = client.query(restoreWorkers);
    restoring.catch(() => undefined); // awaited below; not unhandled if planning throws first
    const plan = new AssistancePlan(generator, userIds, {
      caseBaseId: Number(caseBase),
      entryBaseId: Number(entryBase),
    });
    await restoring;
    log(`assistance planned, and the workers' and archives' indexes and foreign keys back (${lap()})`);

    const cases = await copyRows(client, `assistance_cases (${CASE_COLUMNS})`, plan.caseRows());
    await runner.query(`SELECT setval(pg_get_serial_sequence('assistance_cases', 'id'), (SELECT max(id) FROM assistance_cases))`);
    log(`${cases} assistance cases, ${plan.totals.disbursed} disbursed (${lap()})`);
    const entries = await copyRows(client, `ledger_entries (${LEDGER_COLUMNS})`, plan.ledgerRows());
    await runner.query(`SELECT setval(pg_get_serial_sequence('ledger_entries', 'id'), (SELECT max(id) FROM ledger_entries))`);
    const accounts = await copyRows(client, `fund_accounts (${FUND_ACCOUNT_COLUMNS})`, plan.fundAccountRows());
    log(`${entries} ledger entries, ${accounts} fund accounts (${lap()})`);
    // The harmonious campaign is planned while the database builds the cases' and entries' indexes.
    const restoringCases = client.query(restoreCases);
    restoringCases.catch(() => undefined); // awaited below
    const harmonious = new HarmoniousPlan(generator.orgs, userIds, { participationBaseId: Number(participationBase) });
    await restoringCases;
    log(`the cases' and entries' indexes and foreign keys back, the harmonious campaign planned (${lap()})`);
    const pairings = await copyRows(client, `pairings (${PAIRING_COLUMNS})`, plan.pairingRows());
    log(`${pairings} pairings (${lap()})`);

    // Some 110,000 scorecard lines: their foreign keys too are checked in one pass, not row by row.
    const restoreHarmonious = await dropForBulkLoad(runner, [
      'enterprise_profiles',
      'harmonious_participations',
      'harmonious_criteria',
      'harmonious_namings',
    ]);
    const profiles = await copyRows(client, `enterprise_profiles (${PROFILE_COLUMNS})`, harmonious.profileRows());
    const participations = await copyRows(client, `harmonious_participations (${PARTICIPATION_COLUMNS})`, harmonious.participationRows());
    await runner.query(
      `SELECT setval(pg_get_serial_sequence('harmonious_participations', 'id'), (SELECT max(id) FROM harmonious_participations))`,
    );
    const criteria = await copyRows(client, `harmonious_criteria (${CRITERION_COLUMNS})`, harmonious.criterionRows());
    const namings = await copyRows(client, `harmonious_namings (${NAMING_COLUMNS})`, harmonious.namingRows());
    await client.query(restoreHarmonious);
    log(
      `${profiles} enterprise profiles, ${participations} campaign participations, ${criteria} scorecard lines, ` +
        `${namings} namings, ${harmonious.totals.revoked} of them revoked, with their indexes and foreign keys (${lap()})`,
    );

    for (const table of ROOT_ID_TABLES) {
      await runner.query(`ALTER TABLE ${table} ALTER COLUMN root_id DROP DEFAULT`);
      await runner.query(`ALTER TABLE ${table} ENABLE TRIGGER root_id_${table}`);
    }
    for (const table of ROLLUP_TRIGGER_TABLES) await runner.query(`ALTER TABLE ${table} ENABLE TRIGGER rollup_${table}`);
    await runner.query(`ANALYZE ${ANALYSED}`);
    await rebuildTotals(runner.manager, null);
    log(`analysed, and the rollup totals of every org built from the records (${lap()})`);
    await runner.commitTransaction();
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
  await db.query('ANALYZE rollup_totals, rollup_enterprise_cells');
  log(`committed (${lap()})`);
  return { orgs, workers, seconds: (performance.now() - started) / 1000 };
}
