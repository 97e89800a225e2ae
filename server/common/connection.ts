import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { badInput } from '../errors';
import { bigintId } from './ids';

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'How many, at most 100 (default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

export const MAX_PAGE = 100;

export interface Page {
  limit: number;
  after: string | null;
}

/** Checks `first` and decodes `after` into the sort key the query continues from. */
export function readPage(args: PageArgs): Page {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) {
    throw badInput('PAGE_SIZE', `first must be between 0 and ${MAX_PAGE}, got ${first}.`, 'first');
  }
  let after: string | null = null;
  if (args.after) {
    const decoded = Buffer.from(args.after, 'base64url').toString('utf8');
    // eslint-disable-next-line no-control-regex -- a cursor never holds control characters
    if (!decoded.startsWith('c:') || /[\u0000-\u001f]/.test(decoded))
      throw badInput('BAD_CURSOR', 'after is not a cursor this API gave out.', 'after');
    after = decoded.slice(2);
  }
  return { limit: first, after };
}

export function cursorOf(key: string | number): string {
  return Buffer.from(`c:${key}`, 'utf8').toString('base64url');
}

export interface ConnectionResult<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** `rows` holds up to limit + 1 rows so that hasNextPage needs no second query. */
export function toConnection<T>(rows: T[], page: Page, totalCount: number, keyOf: (row: T) => string | number): ConnectionResult<T> {
  const nodes = rows.slice(0, page.limit);
  const edges = nodes.map((node) => ({ node, cursor: cursorOf(keyOf(node)) }));
  return { edges, totalCount, pageInfo: { hasNextPage: rows.length > page.limit, endCursor: edges.at(-1)?.cursor ?? null } };
}

export function connectionTypes<T extends object>(name: string, nodeType: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => nodeType)
    node!: T;

    @Field(() => String)
    cursor!: string;
  }

  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return Connection;
}

export interface KeysetQuery {
  columns: string;
  from: string;
  /** Already holds the scope; its placeholders are in `params`. */
  where: string;
  params: unknown[];
  /** A bigint column the pages follow, e.g. `w.id`. */
  key: string;
  newestFirst?: boolean;
}

/** One page of rows ordered by a bigint key, with the total: the list queries of every module. */
export async function keysetPage<T extends { id: string }>(
  db: { query(sql: string, params: unknown[]): Promise<unknown> },
  q: KeysetQuery,
  page: Page,
): Promise<ConnectionResult<T>> {
  const params = [...q.params];
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM ${q.from} WHERE ${q.where}`, params)) as [{ n: number }];
  const after = page.after === null ? null : bigintId(page.after);
  if (page.after !== null && after === null) throw badInput('BAD_CURSOR', 'after is not a cursor this API gave out.', 'after');
  params.push(after, page.limit + 1);
  const [afterAt, limitAt] = [`$${params.length - 1}`, `$${params.length}`];
  const rows = (await db.query(
    `SELECT ${q.columns} FROM ${q.from}
     WHERE ${q.where} AND (${afterAt}::bigint IS NULL OR ${q.key} ${q.newestFirst ? '<' : '>'} ${afterAt}::bigint)
     ORDER BY ${q.key} ${q.newestFirst ? 'DESC' : 'ASC'} LIMIT ${limitAt}`,
    params,
  )) as T[];
  return toConnection(rows, page, n, (row) => row.id);
}
