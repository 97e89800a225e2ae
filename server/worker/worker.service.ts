import type { DataSource, EntityManager } from 'typeorm';
import { bigintId } from '../common/ids';
import { keysetPage, type ConnectionResult, type Page } from '../common/connection';
import type { Caller } from '../context';
import { isUniqueViolation } from '../db/sql';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { subjectOf } from '../permissions/ability';
import { rootIdOf } from '../permissions/paths';
import { scopeSql } from '../permissions/scope-sql';
import { requireVisibleOrg } from '../org/org.service';
import { parseIdNumber } from './id-number';
import type { PersonalDataCipher } from './personal-data';
import type { Worker } from './worker.entity';
import type { RegisterWorkerInput, UpdateWorkerInput } from './worker.inputs';

/** A worker row as the API handles it: with the path of its org, which the rules test. */
export type WorkerRow = Worker & { orgPath: string };

export const WORKER_COLUMNS = `w.id::text AS id, w.org_id AS "orgId", w.name, w.id_number_cipher AS "idNumberCipher", w.gender,
  to_char(w.birth_date, 'YYYY-MM-DD') AS "birthDate", w.education, w.employment_status AS "employmentStatus",
  w.is_member AS "isMember", w.is_migrant_worker AS "isMigrantWorker", w.is_model_worker AS "isModelWorker",
  w.phone_cipher AS "phoneCipher", w.created_at AS "createdAt", w.updated_at AS "updatedAt", o.path::text AS "orgPath"`;

export function workerSubject(worker: { orgPath: string }) {
  return subjectOf('Worker', { orgPath: worker.orgPath, rootId: rootIdOf(worker.orgPath) });
}

function validIdNumber(raw: string, given: { gender?: string | null; birthDate?: string | null }) {
  const parsed = parseIdNumber(raw);
  if (!parsed.ok) throw badInput('ID_NUMBER_INVALID', `idNumber ${parsed.problem}.`, 'idNumber');
  if (given.gender && given.gender !== parsed.gender) {
    throw badInput(
      'ID_NUMBER_GENDER',
      `gender ${given.gender} disagrees with the ID number, which is a ${parsed.gender.toLowerCase()}'s.`,
      'gender',
    );
  }
  if (given.birthDate && given.birthDate !== parsed.birthDate) {
    throw badInput(
      'ID_NUMBER_BIRTH_DATE',
      `birthDate ${given.birthDate} disagrees with the ID number, which gives ${parsed.birthDate}.`,
      'birthDate',
    );
  }
  return parsed;
}

/**
 * A worker the caller may read, its row locked (`FOR UPDATE` against other changes of the worker
 * and its archive, `FOR SHARE` to keep it as it is); NOT_FOUND on `field` otherwise.
 */
export async function lockVisibleWorker(
  tx: EntityManager,
  caller: Caller,
  rawId: string,
  field: string,
  lock: 'FOR UPDATE' | 'FOR SHARE',
): Promise<{ id: string; orgId: number; orgPath: string }> {
  const id = bigintId(rawId);
  const params: unknown[] = [id];
  const scope = scopeSql(caller.ability, 'read', 'Worker', { orgPath: 'o.path' }, params);
  const rows: { id: string; orgId: number; orgPath: string }[] =
    id === null
      ? []
      : await tx.query(
          `SELECT w.id::text AS id, w.org_id AS "orgId", o.path::text AS "orgPath" FROM workers w JOIN orgs o ON o.id = w.org_id
           WHERE w.id = $1 AND ${scope} ${lock} OF w`,
          params,
        );
  if (!rows[0]) throw notFound('worker', field);
  return rows[0];
}

function idNumberTaken(error: unknown) {
  return isUniqueViolation(error, 'UQ_workers_id_number_hash')
    ? conflict('ID_NUMBER_TAKEN', 'A worker with this ID number is already registered.', 'idNumber')
    : error;
}

export class WorkerService {
  constructor(
    private readonly db: DataSource,
    private readonly personalData: PersonalDataCipher,
  ) {}

  /**
   * Workers registered at the org or anywhere beneath it, by id; with `idNumber`, the one worker
   * of that exact number (found by its keyed hash), if it is in the subtree. Only for those who
   * read personal data: to a masked reader, who sees the first 6 and last 4 characters, trying
   * the birth dates in between would unmask the number.
   */
  async list(caller: Caller, orgId: string, page: Page, idNumber?: string | null): Promise<ConnectionResult<WorkerRow>> {
    const org = await requireVisibleOrg(this.db.manager, caller, orgId, 'orgId');
    const params: unknown[] = [org.path];
    const scope = scopeSql(caller.ability, 'read', 'Worker', { orgPath: 'o.path' }, params);
    let byNumber = '';
    if (idNumber != null) {
      if (!caller.ability.can('readPersonalData', workerSubject({ orgPath: org.path })))
        throw forbidden('Only ADMIN and STAFF of this org or above may find a worker by ID number.');
      const parsed = validIdNumber(idNumber, {});
      params.push(this.personalData.lookupHash(parsed.idNumber));
      byNumber = ` AND w.id_number_hash = $${params.length} AND ${scopeSql(caller.ability, 'readPersonalData', 'Worker', { orgPath: 'o.path' }, params)}`;
    }
    return keysetPage(
      this.db,
      {
        columns: WORKER_COLUMNS,
        from: 'workers w JOIN orgs o ON o.id = w.org_id',
        where: `o.path <@ $1::ltree AND ${scope}${byNumber}`,
        params,
        key: 'w.id',
      },
      page,
    );
  }

  async findVisible(caller: Caller, rawId: string): Promise<WorkerRow | null> {
    const id = bigintId(rawId);
    if (id === null) return null;
    const params: unknown[] = [id];
    const scope = scopeSql(caller.ability, 'read', 'Worker', { orgPath: 'o.path' }, params);
    const rows: WorkerRow[] = await this.db.query(
      `SELECT ${WORKER_COLUMNS} FROM workers w JOIN orgs o ON o.id = w.org_id WHERE w.id = $1 AND ${scope}`,
      params,
    );
    return rows[0] ?? null;
  }

  async register(caller: Caller, input: RegisterWorkerInput): Promise<WorkerRow> {
    return this.db.transaction(async (tx) => {
      // FOR SHARE: the org cannot move out of the caller's scope before the worker is in.
      const org = await requireVisibleOrg(tx, caller, input.orgId, 'orgId', 'FOR SHARE');
      if (!caller.ability.can('create', workerSubject({ orgPath: org.path })))
        throw forbidden('Only ADMIN or STAFF of this org or above may register workers.');
      const parsed = validIdNumber(input.idNumber, input);
      try {
        const [{ id }] = (await tx.query(
          `INSERT INTO workers (org_id, name, id_number_cipher, id_number_hash, gender, birth_date, education, employment_status, is_member,
             is_migrant_worker, is_model_worker, phone_cipher)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id::text AS id`,
          [
            org.id,
            input.name.trim(),
            this.personalData.seal('id_number', parsed.idNumber),
            this.personalData.lookupHash(parsed.idNumber),
            parsed.gender,
            parsed.birthDate,
            input.education,
            input.employmentStatus,
            input.isMember,
            input.isMigrantWorker,
            input.isModelWorker,
            input.phone ? this.personalData.seal('phone', input.phone) : null,
          ],
        )) as [{ id: string }];
        return this.byId(tx, id);
      } catch (error) {
        throw idNumberTaken(error);
      }
    });
  }

  async update(caller: Caller, input: UpdateWorkerInput): Promise<WorkerRow> {
    return this.db.transaction(async (tx) => {
      const id = bigintId(input.id);
      const current = id === null ? undefined : await this.byIdForUpdate(tx, caller, id);
      if (!current) throw notFound('worker', 'id');
      if (!caller.ability.can('update', workerSubject(current)))
        throw forbidden("Only ADMIN or STAFF of this worker's org or above may change it.");
      const parsed = input.idNumber ? validIdNumber(input.idNumber, {}) : null;
      try {
        await tx.query(
          `UPDATE workers SET
             name = COALESCE($2, name), id_number_cipher = COALESCE($3, id_number_cipher), id_number_hash = COALESCE($4, id_number_hash),
             gender = COALESCE($5, gender), birth_date = COALESCE($6::date, birth_date), education = COALESCE($7, education),
             employment_status = COALESCE($8, employment_status), is_member = COALESCE($9, is_member),
             is_migrant_worker = COALESCE($10, is_migrant_worker), is_model_worker = COALESCE($11, is_model_worker),
             phone_cipher = CASE WHEN $12::boolean THEN $13::bytea ELSE phone_cipher END, updated_at = now()
           WHERE id = $1`,
          [
            current.id,
            input.name?.trim() ?? null,
            parsed ? this.personalData.seal('id_number', parsed.idNumber) : null,
            parsed ? this.personalData.lookupHash(parsed.idNumber) : null,
            parsed?.gender ?? null,
            parsed?.birthDate ?? null,
            input.education ?? null,
            input.employmentStatus ?? null,
            input.isMember ?? null,
            input.isMigrantWorker ?? null,
            input.isModelWorker ?? null,
            // An empty string removes the phone number; null or absent keeps it.
            input.phone != null,
            input.phone ? this.personalData.seal('phone', input.phone) : null,
          ],
        );
      } catch (error) {
        throw idNumberTaken(error);
      }
      return this.byId(tx, current.id);
    });
  }

  private async byIdForUpdate(tx: EntityManager, caller: Caller, id: string): Promise<WorkerRow | undefined> {
    const params: unknown[] = [id];
    const scope = scopeSql(caller.ability, 'read', 'Worker', { orgPath: 'o.path' }, params);
    const rows: WorkerRow[] = await tx.query(
      `SELECT ${WORKER_COLUMNS} FROM workers w JOIN orgs o ON o.id = w.org_id WHERE w.id = $1 AND ${scope} FOR UPDATE OF w`,
      params,
    );
    return rows[0];
  }

  private async byId(tx: EntityManager, id: string): Promise<WorkerRow> {
    const rows: WorkerRow[] = await tx.query(`SELECT ${WORKER_COLUMNS} FROM workers w JOIN orgs o ON o.id = w.org_id WHERE w.id = $1`, [
      id,
    ]);
    return rows[0]!;
  }
}

/**
 * Refuses a data-encryption key that does not open the ID numbers already stored: with the wrong
 * key every read of a worker would fail, and the keyed hashes of new numbers would not match the
 * stored ones, so the same person could be registered twice. Nothing to check in an empty database.
 */
export async function checkDataKey(db: EntityManager, personalData: PersonalDataCipher): Promise<void> {
  const rows: { sealed: Buffer }[] = await db.query('SELECT id_number_cipher AS sealed FROM workers ORDER BY id LIMIT 1');
  if (!rows[0]) return;
  try {
    personalData.open('id_number', rows[0].sealed);
  } catch {
    throw new Error('DATA_ENCRYPTION_KEY does not open the ID numbers stored in this database: it is not the key they were sealed with.');
  }
}
