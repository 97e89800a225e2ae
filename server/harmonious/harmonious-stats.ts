import { Field, Int, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import type { Caller } from '../context';
import { scopeSql } from '../permissions/scope-sql';
import { NAMING_RANK, Ownership } from './harmonious-enums';

@ObjectType()
export class OwnershipStats {
  @Field(() => Ownership, { nullable: true, description: 'Null: enterprises whose profile is not recorded.' })
  ownership!: Ownership | null;

  @Field(() => Int)
  participatingEnterprises!: number;

  @Field(() => Int)
  named!: number;
}

@ObjectType({ description: '劳动关系和谐企业: the campaign and the namings of a subtree’s enterprises.' })
export class HarmoniousStats {
  @Field(() => Int, { description: 'Enterprises taking part (all years: each counted once).' })
  participatingEnterprises!: number;

  @Field(() => Int, { description: 'Their workers taking part (all years: each enterprise’s latest year).' })
  participatingWorkers!: number;

  @Field(() => Int, { description: 'Enterprises holding a current naming, each under its highest level.' })
  named!: number;

  @Field(() => Int)
  national!: number;

  @Field(() => Int)
  provincial!: number;

  @Field(() => Int)
  municipal!: number;

  @Field(() => Int)
  county!: number;

  @Field(() => [OwnershipStats], { description: 'By ownership, those with a profile first in a fixed order, then those without.' })
  byOwnership!: OwnershipStats[];
}

type Row = {
  path: string;
  ownership: Ownership | null;
  participating: number;
  workers: number;
  named: number;
  r1: number;
  r2: number;
  r3: number;
  r4: number;
};

/**
 * For many subtrees and one year (or all years) in one query. A naming counts while current
 * (not revoked, or revoked from a later day); an enterprise counts once, under its highest one.
 */
export async function harmoniousStats(
  db: DataSource,
  caller: Caller,
  paths: readonly string[],
  year: number | null,
): Promise<Map<string, HarmoniousStats>> {
  const params: unknown[] = [paths, year];
  const scope = scopeSql(caller.ability, 'read', 'HarmoniousParticipation', { orgPath: 'o.path' }, params);
  const rank = `CASE n.level ${Object.entries(NAMING_RANK)
    .map(([level, r]) => `WHEN '${level}' THEN ${r}`)
    .join(' ')} END`;
  const rows: Row[] = await db.query(
    // Only the enterprises of the subtrees asked for: a township reads its own, not the city's.
    `WITH asked AS (
       SELECT DISTINCT o.id FROM unnest($1::ltree[]) AS t(path) JOIN orgs o ON o.path <@ t.path WHERE o.level = 'ENTERPRISE'
     ), latest AS (
       SELECT DISTINCT ON (p.org_id) p.org_id, p.participating_workers FROM harmonious_participations p JOIN asked ON asked.id = p.org_id
       WHERE $2::int IS NULL OR p.year = $2 ORDER BY p.org_id, p.year DESC
     ), highest AS (
       SELECT n.org_id, min(${rank}) AS rank FROM harmonious_namings n JOIN asked ON asked.id = n.org_id
       WHERE (n.revoked_on IS NULL OR n.revoked_on > current_date) AND ($2::int IS NULL OR n.year = $2) GROUP BY n.org_id
     ), enterprises AS (
       SELECT coalesce(l.org_id, h.org_id) AS org_id, l.org_id IS NOT NULL AS participating, coalesce(l.participating_workers, 0) AS workers, h.rank
       FROM latest l FULL JOIN highest h ON h.org_id = l.org_id
     )
     SELECT t.path::text AS path, ep.ownership,
       count(*) FILTER (WHERE e.participating)::int AS participating, sum(e.workers)::int AS workers,
       count(e.rank)::int AS named, ${[1, 2, 3, 4].map((r) => `count(*) FILTER (WHERE e.rank = ${r})::int AS r${r}`).join(', ')}
     FROM unnest($1::ltree[]) AS t(path)
     JOIN orgs o ON o.path <@ t.path
     JOIN enterprises e ON e.org_id = o.id
     LEFT JOIN enterprise_profiles ep ON ep.org_id = o.id
     WHERE ${scope}
     GROUP BY t.path, ep.ownership`,
    params,
  );
  const result = new Map<string, HarmoniousStats>();
  for (const path of paths) {
    const mine = rows.filter((row) => row.path === path);
    const sum = (field: keyof Omit<Row, 'path' | 'ownership'>) => mine.reduce((total, row) => total + row[field], 0);
    const unprofiled = mine.find((row) => row.ownership === null);
    result.set(path, {
      participatingEnterprises: sum('participating'),
      participatingWorkers: sum('workers'),
      named: sum('named'),
      national: sum('r1'),
      provincial: sum('r2'),
      municipal: sum('r3'),
      county: sum('r4'),
      byOwnership: [
        ...Object.values(Ownership).map((ownership) => {
          const row = mine.find((r) => r.ownership === ownership);
          return { ownership, participatingEnterprises: row?.participating ?? 0, named: row?.named ?? 0 };
        }),
        ...(unprofiled ? [{ ownership: null, participatingEnterprises: unprofiled.participating, named: unprofiled.named }] : []),
      ],
    });
  }
  return result;
}
