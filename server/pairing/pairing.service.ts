import type { DataSource, EntityManager } from 'typeorm';
import { writeAudit } from '../audit/audit.service';
import { bigintId } from '../common/ids';
import { keysetPage, type ConnectionResult, type Page } from '../common/connection';
import { lockVisibleWorker } from '../worker/worker.service';
import { openArchiveOpenedOn } from '../hardship/hardship.service';
import type { Caller } from '../context';
import { today } from '../db/sql';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { requireVisibleOrg } from '../org/org.service';
import { subjectOf } from '../permissions/ability';
import { rootIdOf } from '../permissions/paths';
import { scopeSql } from '../permissions/scope-sql';
import { PairingEndReason } from './pairing-enums';
import type { Pairing } from './pairing.entity';
import type { CreatePairingInput, EndPairingInput } from './pairing.inputs';

export type PairingRow = Pairing & { orgPath: string; orgId: number };

const PAIRING_COLUMNS = `p.id::text AS id, p.worker_id::text AS "workerId", p.cadre_name AS "cadreName", p.cadre_post AS "cadrePost",
  p.cadre_org_id AS "cadreOrgId", to_char(p.started_on, 'YYYY-MM-DD') AS "startedOn", to_char(p.ended_on, 'YYYY-MM-DD') AS "endedOn",
  p.end_reason AS "endReason", p.end_note AS "endNote", w.org_id AS "orgId", o.path::text AS "orgPath"`;

const PAIRING_FROM = 'pairings p JOIN workers w ON w.id = p.worker_id JOIN orgs o ON o.id = w.org_id';

export function pairingSubject(row: { orgPath: string }) {
  return subjectOf('Pairing', { orgPath: row.orgPath, rootId: rootIdOf(row.orgPath) });
}

function auditState(row: Pick<PairingRow, 'cadreOrgId' | 'startedOn' | 'endedOn' | 'endReason'>) {
  return { cadreOrgId: row.cadreOrgId, startedOn: row.startedOn, endedOn: row.endedOn, endReason: row.endReason };
}

/** 脱困 ends the family's pairing on the same day, in the lift's transaction. */
export async function endPairingsOnLift(tx: EntityManager, caller: Caller, workerId: string, liftedOn: string): Promise<void> {
  const ended: PairingRow[] = await tx.query(
    // A CTE, so the driver hands back the rows; the rows come from RETURNING, which sees the change.
    `WITH ended AS (
       UPDATE pairings SET ended_on = GREATEST($2::date, started_on), end_reason = 'LIFTED' WHERE worker_id = $1 AND ended_on IS NULL
       RETURNING id::text AS id, cadre_org_id AS "cadreOrgId", to_char(started_on, 'YYYY-MM-DD') AS "startedOn",
         to_char(ended_on, 'YYYY-MM-DD') AS "endedOn", end_reason AS "endReason"
     ) SELECT ended.*, w.org_id AS "orgId" FROM ended JOIN workers w ON w.id = $1`,
    [workerId, liftedOn],
  );
  for (const row of ended) {
    await writeAudit(tx, caller, {
      orgId: row.orgId,
      action: 'pairing.end',
      subjectType: 'Pairing',
      subjectId: row.id,
      before: auditState({ ...row, endedOn: null, endReason: null }),
      after: auditState(row),
    });
  }
}

export class PairingService {
  constructor(private readonly db: DataSource) {}

  /** 结对: ADMIN or STAFF of the worker's org or above. */
  async create(caller: Caller, input: CreatePairingInput): Promise<PairingRow> {
    return this.db.transaction(async (tx) => {
      const worker = await lockVisibleWorker(tx, caller, input.workerId, 'workerId', 'FOR UPDATE');
      if (!caller.ability.can('create', pairingSubject(worker)))
        throw forbidden("Only ADMIN or STAFF of this worker's org or above pair cadres.");
      const cadreOrg = await requireVisibleOrg(tx, caller, input.cadreOrgId, 'cadreOrgId');
      const openedOn = await openArchiveOpenedOn(tx, worker.id);
      if (openedOn === null)
        throw conflict('NOT_IN_HARDSHIP', 'Pairings are for hardship families: this worker has no open hardship archive.', 'workerId');
      const now = await today(tx);
      const startedOn = input.startedOn ?? now;
      if (startedOn > now) throw badInput('DATE_IN_FUTURE', 'startedOn cannot be in the future.', 'startedOn');
      if (startedOn < openedOn)
        throw badInput('STARTED_BEFORE_ARCHIVE', `startedOn cannot be before the archive was opened (${openedOn}).`, 'startedOn');
      const open: unknown[] = await tx.query('SELECT 1 FROM pairings WHERE worker_id = $1 AND ended_on IS NULL', [worker.id]);
      if (open.length) throw conflict('ALREADY_PAIRED', 'This family already has a cadre: end that pairing first.', 'workerId');
      const [{ id }] = (await tx.query(
        `INSERT INTO pairings (worker_id, cadre_name, cadre_post, cadre_org_id, started_on, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text AS id`,
        [worker.id, input.cadreName.trim(), input.cadrePost.trim(), cadreOrg.id, startedOn, caller.userId],
      )) as [{ id: string }];
      const row = await this.byId(tx, id);
      await writeAudit(tx, caller, {
        orgId: row.orgId,
        action: 'pairing.create',
        subjectType: 'Pairing',
        subjectId: id,
        before: null,
        after: auditState(row),
      });
      return row;
    });
  }

  async end(caller: Caller, input: EndPairingInput): Promise<PairingRow> {
    return this.db.transaction(async (tx) => {
      const id = bigintId(input.id);
      const params: unknown[] = [id];
      const scope = scopeSql(caller.ability, 'read', 'Pairing', { orgPath: 'o.path' }, params);
      const rows: PairingRow[] =
        id === null
          ? []
          : await tx.query(`SELECT ${PAIRING_COLUMNS} FROM ${PAIRING_FROM} WHERE p.id = $1 AND ${scope} FOR UPDATE OF p`, params);
      const before = rows[0];
      if (!before) throw notFound('pairing', 'id');
      if (!caller.ability.can('update', pairingSubject(before)))
        throw forbidden("Only ADMIN or STAFF of this worker's org or above end pairings.");
      if (before.endedOn !== null) throw conflict('PAIRING_ENDED', `This pairing already ended on ${before.endedOn}.`, 'id');
      await tx.query(`UPDATE pairings SET ended_on = GREATEST(current_date, started_on), end_reason = $2, end_note = $3 WHERE id = $1`, [
        before.id,
        PairingEndReason.OTHER,
        input.note.trim(),
      ]);
      const after = await this.byId(tx, before.id);
      await writeAudit(tx, caller, {
        orgId: after.orgId,
        action: 'pairing.end',
        subjectType: 'Pairing',
        subjectId: after.id,
        before: auditState(before),
        after: auditState(after),
      });
      return after;
    });
  }

  /** Pairings of the workers at the org or beneath it, newest first. */
  async list(caller: Caller, rawOrgId: string, page: Page): Promise<ConnectionResult<PairingRow>> {
    const org = await requireVisibleOrg(this.db.manager, caller, rawOrgId, 'orgId');
    const params: unknown[] = [org.path];
    const scope = scopeSql(caller.ability, 'read', 'Pairing', { orgPath: 'o.path' }, params);
    return keysetPage(
      this.db,
      { columns: PAIRING_COLUMNS, from: PAIRING_FROM, where: `o.path <@ $1::ltree AND ${scope}`, params, key: 'p.id', newestFirst: true },
      page,
    );
  }

  private async byId(tx: EntityManager, id: string): Promise<PairingRow> {
    const rows: PairingRow[] = await tx.query(`SELECT ${PAIRING_COLUMNS} FROM ${PAIRING_FROM} WHERE p.id = $1`, [id]);
    return rows[0]!;
  }
}
