import { Field, Int, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import type { Caller } from '../context';
import { scopeSql } from '../permissions/scope-sql';

@ObjectType({ description: '一帮一: pairings of the hardship families of a subtree.' })
export class PairingStats {
  @Field(() => Int, { description: 'Every pairing made, ended ones included.' })
  total!: number;

  @Field(() => Int, { description: 'Pairings that ended with the family lifted out of hardship.' })
  lifted!: number;

  @Field(() => Int, { description: 'Pairings still running.' })
  active!: number;
}

/** For many subtrees in one query; a pairing counts where its worker is. */
export async function pairingStats(db: DataSource, caller: Caller, paths: readonly string[]): Promise<Map<string, PairingStats>> {
  const params: unknown[] = [paths];
  const scope = scopeSql(caller.ability, 'read', 'Pairing', { orgPath: 'o.path' }, params);
  const rows: (PairingStats & { path: string })[] = await db.query(
    // Counted per org first (a few thousand rows), then summed over each subtree's orgs.
    `WITH per_org AS (
       SELECT w.org_id, count(*) AS total, count(*) FILTER (WHERE p.end_reason = 'LIFTED') AS lifted,
         count(*) FILTER (WHERE p.ended_on IS NULL) AS active
       FROM pairings p JOIN workers w ON w.id = p.worker_id GROUP BY w.org_id
     )
     SELECT t.path::text AS path, sum(c.total)::int AS total, sum(c.lifted)::int AS lifted, sum(c.active)::int AS active
     FROM unnest($1::ltree[]) AS t(path) JOIN orgs o ON o.path <@ t.path JOIN per_org c ON c.org_id = o.id
     WHERE ${scope} GROUP BY t.path`,
    params,
  );
  return new Map(paths.map((path) => [path, rows.find((row) => row.path === path) ?? { total: 0, lifted: 0, active: 0 }]));
}
