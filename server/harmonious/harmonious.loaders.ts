import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { CellReader } from '../rollup/cells';
import type { Caller } from '../context';
import { unauthenticated } from '../errors';
import { scopeSql } from '../permissions/scope-sql';
import type { EnterpriseProfile } from './enterprise-profile.entity';
import type { CriterionResult } from './criterion-result.entity';
import { groupedLoader } from '../rollup/period';
import { harmoniousStats } from './harmonious-stats';
import { NAMING_COLUMNS, NAMING_FROM, PROFILE_COLUMNS, type NamingRow } from './harmonious.service';

export function createHarmoniousLoaders(db: DataSource, cells: CellReader, caller: Caller | null) {
  // By year (null for all years): the children of a rollup share one call.
  const harmoniousByYearPath = groupedLoader((paths: string[], year: number | null) => {
    if (!caller) throw unauthenticated();
    return harmoniousStats(cells, caller, paths, year);
  });

  const profileByOrgId = new DataLoader<number, EnterpriseProfile | null>(async (ids) => {
    if (!caller) return ids.map(() => null);
    const params: unknown[] = [ids];
    const scope = scopeSql(caller.ability, 'read', 'EnterpriseProfile', { orgPath: 'o.path' }, params);
    const rows: EnterpriseProfile[] = await db.query(
      `SELECT ${PROFILE_COLUMNS} FROM enterprise_profiles p JOIN orgs o ON o.id = p.org_id WHERE p.org_id = ANY($1::int[]) AND ${scope}`,
      params,
    );
    return ids.map((id) => rows.find((row) => row.orgId === id) ?? null);
  });

  // Participations are read through scoped lists, so their criteria and namings need no second check.
  const criteriaByParticipationId = new DataLoader<string, CriterionResult[]>(async (ids) => {
    const rows: CriterionResult[] = await db.query(
      `SELECT participation_id::text AS "participationId", criterion, met, note FROM harmonious_criteria WHERE participation_id = ANY($1::bigint[])
       ORDER BY criterion`,
      [ids],
    );
    return ids.map((id) => rows.filter((row) => row.participationId === id));
  });

  const namingsByParticipationId = new DataLoader<string, NamingRow[]>(async (ids) => {
    const rows: NamingRow[] = await db.query(
      `SELECT ${NAMING_COLUMNS} FROM ${NAMING_FROM} WHERE n.participation_id = ANY($1::bigint[]) ORDER BY n.id`,
      [ids],
    );
    return ids.map((id) => rows.filter((row) => row.participationId === id));
  });

  return { harmoniousByYearPath, profileByOrgId, criteriaByParticipationId, namingsByParticipationId };
}
