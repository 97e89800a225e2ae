import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { toConnection, type ConnectionResult, type Page } from '../common/connection';
import type { Caller } from '../context';
import { scopeSql } from '../permissions/scope-sql';
import type { OrgLevel } from './org-level';
import type { Org } from './org.entity';
import { ORG_COLUMNS } from './org.service';

export interface OrgSummaryRow {
  id: number;
  code: string;
  name: string;
  level: OrgLevel;
}

export interface ChildrenKey {
  parentId: number;
  page: Page;
}

export function createOrgLoaders(db: DataSource, caller: Caller | null) {
  // Orgs the caller may read, by id; anything else loads as null.
  const orgById = new DataLoader<number, Org | null>(async (ids) => {
    if (!caller) return ids.map(() => null);
    const params: unknown[] = [ids];
    const scope = scopeSql(caller.ability, 'read', 'Org', { orgPath: 'o.path' }, params);
    const rows: Org[] = await db.query(`SELECT ${ORG_COLUMNS} FROM orgs o WHERE o.id = ANY($1::int[]) AND ${scope}`, params);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  // Only for the orgs of role assignments, which services return just to their holder and to the
  // ADMINs above them: at login the holder has no ability yet, but may see where its roles are.
  const assignmentOrgById = new DataLoader<number, Org | null>(async (ids) => {
    const rows: Org[] = await db.query(`SELECT ${ORG_COLUMNS} FROM orgs o WHERE o.id = ANY($1::int[])`, [ids]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  // Breadcrumbs: code, name and level of ancestors are visible to whoever sees the org below them.
  // Only for orgs known to be such (the ancestors of an org the caller was given, the org of a
  // record read in scope): any other org a record names goes through breadcrumbById.
  const orgSummaryById = new DataLoader<number, OrgSummaryRow | null>(async (ids) => {
    const rows: OrgSummaryRow[] = await db.query('SELECT id, code, name, level FROM orgs WHERE id = ANY($1::int[])', [ids]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  // The breadcrumb of an org a record names beside its own (where money came from or went, who
  // named an enterprise), if the caller may read that org or has it above one of its own; null
  // otherwise. It was above the record's org when the record was made, but may not be now: a
  // township moved to another county keeps its history, and the new county's readers may not
  // learn of the old one.
  const breadcrumbById = new DataLoader<number, OrgSummaryRow | null>(async (ids) => {
    if (!caller) return ids.map(() => null);
    const params: unknown[] = [ids, caller.assignments.map((assignment) => assignment.orgPath)];
    const scope = scopeSql(caller.ability, 'read', 'Org', { orgPath: 'o.path' }, params);
    const rows: OrgSummaryRow[] = await db.query(
      `SELECT o.id, o.code, o.name, o.level FROM orgs o WHERE o.id = ANY($1::int[]) AND (o.path @> ANY($2::ltree[]) OR ${scope})`,
      params,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  // One page of children for many parents in one query; parents share the page arguments.
  const childrenPage = new DataLoader<ChildrenKey, ConnectionResult<Org>, string>(
    async (keys) => {
      const results = new Map<string, ConnectionResult<Org>>();
      const groups = new Map<string, ChildrenKey[]>();
      for (const key of keys) {
        const group = JSON.stringify(key.page);
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      for (const group of groups.values()) {
        const { page } = group[0]!;
        const parentIds = group.map((key) => key.parentId);
        const params: unknown[] = [parentIds, page.after, page.limit + 1];
        const scope = caller ? scopeSql(caller.ability, 'read', 'Org', { orgPath: 'o.path' }, params) : 'FALSE';
        const rows: (Org & { pid: number })[] = await db.query(
          `SELECT p.id AS pid, c.* FROM unnest($1::int[]) AS p(id)
           CROSS JOIN LATERAL (
             SELECT ${ORG_COLUMNS} FROM orgs o
             WHERE o.parent_id = p.id AND ($2::text IS NULL OR o.code > $2) AND ${scope}
             ORDER BY o.code LIMIT $3
           ) c`,
          params,
        );
        const countParams: unknown[] = [parentIds];
        const countScope = caller ? scopeSql(caller.ability, 'read', 'Org', { orgPath: 'o.path' }, countParams) : 'FALSE';
        const counts: { pid: number; n: number }[] = await db.query(
          `SELECT o.parent_id AS pid, count(*)::int AS n FROM orgs o WHERE o.parent_id = ANY($1::int[]) AND ${countScope} GROUP BY o.parent_id`,
          countParams,
        );
        for (const parentId of parentIds) {
          const children = rows.filter((row) => row.pid === parentId).map(({ pid: _pid, ...org }) => org as Org);
          const total = counts.find((count) => count.pid === parentId)?.n ?? 0;
          results.set(
            JSON.stringify({ parentId, page }),
            toConnection(children, page, total, (org) => org.code),
          );
        }
      }
      return keys.map((key) => results.get(JSON.stringify(key))!);
    },
    { cacheKeyFn: (key) => JSON.stringify(key) },
  );

  // Every readable child of many parents, by code, in one query (a rollup's byChild).
  const childrenOf = new DataLoader<number, Org[]>(async (parentIds) => {
    if (!caller) return parentIds.map(() => []);
    const params: unknown[] = [parentIds];
    const scope = scopeSql(caller.ability, 'read', 'Org', { orgPath: 'o.path' }, params);
    const rows: Org[] = await db.query(
      `SELECT ${ORG_COLUMNS} FROM orgs o WHERE o.parent_id = ANY($1::int[]) AND ${scope} ORDER BY o.code`,
      params,
    );
    return parentIds.map((id) => rows.filter((row) => row.parentId === id));
  });

  return { orgById, assignmentOrgById, orgSummaryById, breadcrumbById, childrenPage, childrenOf };
}
