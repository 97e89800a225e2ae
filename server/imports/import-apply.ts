import type { PoolClient } from 'pg';
import type { Caller } from '../context';
import { scopeSql } from '../permissions/scope-sql';
import type { PersonalDataCipher } from '../worker/personal-data';
import type { ImportKind } from './import-columns';

// Checking and writing, in SQL over the staged rows: what needs the whole file (duplicates in
// it) or the database (org codes, registered workers, open archives) is one statement for all
// rows, not one per row. Both run in the import's transaction (import-run.ts).

export interface Target {
  id: number;
  code: string;
  name: string;
  path: string;
}

export interface Outcome {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** A problem for every staged row a query selects: `SELECT row_number, value, message`. */
async function problemsFrom(
  client: PoolClient,
  column: { at: number; key: string; header: string } | null,
  code: string,
  select: string,
  params: unknown[] = [],
) {
  await client.query(
    `INSERT INTO import_row_problems (row_number, column_at, column_key, header, value, code, message)
     SELECT p.row_number, ${column?.at ?? -1}, ${column ? `'${column.key}'` : 'NULL'}, ${column ? `'${column.header}'` : 'NULL'}, p.value, '${code}', p.message
     FROM (${select}) p (row_number, value, message)`,
    params,
  );
}

/** Rows whose ID number another row of the file also has: every one of them, naming the others. */
async function duplicatesInFile(client: PoolClient, idColumn: { at: number; key: string; header: string }) {
  await problemsFrom(
    client,
    idColumn,
    'DUPLICATE_IN_FILE',
    `SELECT row_number, id_shown, '身份证号与第 ' || array_to_string((SELECT array_agg(x ORDER BY x) FROM unnest(rows_of[1:6]) x WHERE x <> row_number), '、')
              || CASE WHEN n > 6 THEN ' 等' ELSE '' END || ' 行重复：同一个人只能出现一次'
     FROM (SELECT row_number, id_shown, count(*) OVER w AS n, array_agg(row_number) OVER w AS rows_of
           FROM import_rows WHERE id_hash IS NOT NULL WINDOW w AS (PARTITION BY id_hash ORDER BY row_number ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) d
     WHERE n > 1`,
  );
}

async function markProblemRows(client: PoolClient) {
  await client.query('UPDATE import_rows SET ok = false WHERE ok AND row_number IN (SELECT row_number FROM import_row_problems)');
}

const column = (at: number, key: string, header: string) => ({ at, key, header });

export async function checkWorkers(client: PoolClient, caller: Caller, cipher: PersonalDataCipher, target: Target): Promise<void> {
  const params: unknown[] = [target.path];
  const scope = scopeSql(caller.ability, 'create', 'Worker', { orgPath: 'o.path' }, params);
  await client.query(
    `UPDATE import_rows r SET org_id = o.id FROM orgs o WHERE r.org_code IS NOT NULL AND o.code = r.org_code AND o.path <@ $1::ltree AND ${scope}`,
    params,
  );
  await client.query(
    'UPDATE import_rows r SET worker_id = w.id, worker_org_id = w.org_id FROM workers w WHERE w.id_number_hash = r.id_hash',
  );
  // A blank org code, like any blank cell, keeps what is registered: a registered worker's org
  // when it is under the target and the caller's to register in, otherwise the target.
  const keepParams: unknown[] = [target.path, target.id];
  const keepScope = scopeSql(caller.ability, 'create', 'Worker', { orgPath: 'o.path' }, keepParams);
  await client.query(
    `UPDATE import_rows r SET org_id = coalesce((SELECT o.id FROM orgs o WHERE o.id = r.worker_org_id AND o.path <@ $1::ltree AND ${keepScope}), $2)
     WHERE r.org_code IS NULL`,
    keepParams,
  );
  await problemsFrom(
    client,
    column(0, 'orgCode', '组织代码'),
    'ORG_NOT_FOUND',
    `SELECT row_number, org_code, '没有代码为 ' || org_code || ' 的组织，或它不在 ' || $1::text || ' 之下' FROM import_rows WHERE org_code IS NOT NULL AND org_id IS NULL`,
    [`${target.name}（${target.code}）`],
  );
  await duplicatesInFile(client, column(2, 'idNumber', '身份证号'));

  // Registered at another org: named when it is under the target, which everyone who may read the
  // import may read; otherwise only said to be elsewhere, whether the caller may read it or not.
  const readParams: unknown[] = [target.path, `${target.name}（${target.code}）`];
  const readable = scopeSql(caller.ability, 'read', 'Org', { orgPath: 'o.path' }, readParams);
  await problemsFrom(
    client,
    column(2, 'idNumber', '身份证号'),
    'REGISTERED_AT_OTHER_ORG',
    `SELECT r.row_number, r.id_shown,
            CASE WHEN o.path <@ $1::ltree AND ${readable} THEN '这个人已登记在 ' || o.name || '（' || o.code || '）：导入不会把职工调到别的组织'
                 ELSE '这个身份证号已登记在 ' || $2::text || ' 以外的组织：导入不会把职工调到别的组织' END
     FROM import_rows r JOIN orgs o ON o.id = r.worker_org_id WHERE r.org_id IS NOT NULL AND r.worker_org_id <> r.org_id`,
    readParams,
  );
  await markProblemRows(client);

  // Phone numbers are sealed with a fresh IV each time: compared opened, a cursor's batch at a time.
  await client.query(`DECLARE phones NO SCROLL CURSOR FOR
    SELECT r.row_number, r.phone_cipher AS given, w.phone_cipher AS kept FROM import_rows r JOIN workers w ON w.id = r.worker_id
    WHERE r.ok AND r.phone_cipher IS NOT NULL AND w.phone_cipher IS NOT NULL`);
  for (;;) {
    const { rows } = await client.query<{ row_number: number; given: Buffer; kept: Buffer }>('FETCH 5000 FROM phones');
    if (rows.length === 0) break;
    const changed = rows.filter((row) => cipher.open('phone', row.given) !== cipher.open('phone', row.kept)).map((row) => row.row_number);
    if (changed.length > 0) await client.query('UPDATE import_rows SET phone_changed = true WHERE row_number = ANY($1)', [changed]);
  }
  await client.query('CLOSE phones');

  await client.query(`UPDATE import_rows SET action = 'create' WHERE ok AND worker_id IS NULL`);
  await client.query(
    `UPDATE import_rows r SET action = CASE WHEN w.name <> r.name
         OR w.education <> coalesce(r.education, w.education)
         OR w.employment_status <> coalesce(r.employment_status, w.employment_status)
         OR w.is_member <> coalesce(r.is_member, w.is_member)
         OR w.is_migrant_worker <> coalesce(r.is_migrant_worker, w.is_migrant_worker)
         OR w.is_model_worker <> coalesce(r.is_model_worker, w.is_model_worker)
         OR (r.phone_cipher IS NOT NULL AND w.phone_cipher IS NULL) OR r.phone_changed
       THEN 'update' ELSE 'unchanged' END
     FROM workers w WHERE r.ok AND w.id = r.worker_id`,
  );
}

export async function checkArchives(client: PoolClient, caller: Caller, target: Target): Promise<void> {
  const params: unknown[] = [target.path];
  const scope = scopeSql(caller.ability, 'create', 'HardshipArchive', { orgPath: 'o.path' }, params);
  await client.query(
    `UPDATE import_rows r SET worker_id = w.id, worker_name = w.name FROM workers w JOIN orgs o ON o.id = w.org_id
     WHERE w.id_number_hash = r.id_hash AND o.path <@ $1::ltree AND ${scope}`,
    params,
  );
  const idColumn = column(0, 'idNumber', '身份证号');
  await problemsFrom(
    client,
    idColumn,
    'WORKER_NOT_FOUND',
    `SELECT row_number, id_shown, '在 ' || $1::text || ' 之下没有登记这个身份证号的职工：请先导入职工名册'
     FROM import_rows WHERE id_hash IS NOT NULL AND worker_id IS NULL`,
    [`${target.name}（${target.code}）`],
  );
  await problemsFrom(
    client,
    column(1, 'name', '姓名'),
    'NAME_MISMATCH',
    `SELECT row_number, name, '姓名与这个身份证号登记的姓名“' || worker_name || '”不一致：请核对身份证号' FROM import_rows WHERE name IS NOT NULL AND worker_name <> name`,
  );
  await duplicatesInFile(client, idColumn);
  await client.query(
    `UPDATE import_rows r SET archive_id = a.id, archive_opened_on = a.opened_on FROM hardship_archives a WHERE a.worker_id = r.worker_id AND a.lifted_on IS NULL`,
  );
  const openedOn = column(5, 'openedOn', '建档日期');
  await problemsFrom(
    client,
    openedOn,
    'DATE_IN_FUTURE',
    `SELECT row_number, opened_on::text, '建档日期不能晚于今天（' || current_date::text || '）' FROM import_rows WHERE opened_on > current_date`,
  );
  await problemsFrom(
    client,
    openedOn,
    'OPENED_ON_DIFFERS',
    `SELECT row_number, opened_on::text, '这位职工的在档档案建于 ' || archive_opened_on::text || '：建档日期不能改，请填这个日期或不填'
     FROM import_rows WHERE archive_id IS NOT NULL AND opened_on IS NOT NULL AND opened_on <> archive_opened_on`,
  );
  await markProblemRows(client);
  await client.query(`UPDATE import_rows SET action = 'create' WHERE ok AND archive_id IS NULL`);
  await client.query(
    `UPDATE import_rows r SET action = CASE WHEN a.household_size <> r.household_size OR a.household_monthly_income_fen <> r.income_fen
         OR ARRAY(SELECT unnest(a.causes) ORDER BY 1) <> ARRAY(SELECT unnest(r.causes) ORDER BY 1)
         OR a.illness IS DISTINCT FROM coalesce(r.illness, a.illness) OR a.income_sources IS DISTINCT FROM coalesce(r.income_sources, a.income_sources)
         OR a.skills IS DISTINCT FROM coalesce(r.skills, a.skills) OR a.job_wishes IS DISTINCT FROM coalesce(r.job_wishes, a.job_wishes)
         OR a.plan IS DISTINCT FROM coalesce(r.plan, a.plan)
       THEN 'update' ELSE 'unchanged' END
     FROM hardship_archives a WHERE r.ok AND a.id = r.archive_id`,
  );
}

export async function outcomeOf(client: PoolClient): Promise<Outcome> {
  const { rows } = await client.query<Outcome>(
    `SELECT count(*) FILTER (WHERE action = 'create')::int AS created, count(*) FILTER (WHERE action = 'update')::int AS updated,
            count(*) FILTER (WHERE action = 'unchanged')::int AS unchanged, count(*) FILTER (WHERE NOT ok)::int AS rejected
     FROM import_rows`,
  );
  return rows[0]!;
}

const WRITES: Record<ImportKind, string[]> = {
  WORKERS: [
    `INSERT INTO workers (org_id, name, id_number_cipher, id_number_hash, gender, birth_date, education, employment_status, is_member,
       is_migrant_worker, is_model_worker, phone_cipher)
     SELECT org_id, name, id_cipher, id_hash, gender, birth_date, education, coalesce(employment_status, 'EMPLOYED'), coalesce(is_member, false),
       coalesce(is_migrant_worker, false), coalesce(is_model_worker, false), phone_cipher
     FROM import_rows WHERE action = 'create' AND row_number >= $1 AND row_number < $2 ORDER BY row_number`,
    `UPDATE workers w SET name = r.name, education = coalesce(r.education, w.education),
       employment_status = coalesce(r.employment_status, w.employment_status), is_member = coalesce(r.is_member, w.is_member),
       is_migrant_worker = coalesce(r.is_migrant_worker, w.is_migrant_worker), is_model_worker = coalesce(r.is_model_worker, w.is_model_worker),
       phone_cipher = coalesce(r.phone_cipher, w.phone_cipher), updated_at = now()
     FROM import_rows r WHERE r.action = 'update' AND w.id = r.worker_id AND r.row_number >= $1 AND r.row_number < $2`,
  ],
  ARCHIVES: [
    `INSERT INTO hardship_archives (worker_id, household_size, household_monthly_income_fen, causes, illness, income_sources, skills,
       job_wishes, plan, opened_on)
     SELECT worker_id, household_size, income_fen, causes, illness, income_sources, skills, job_wishes, plan, coalesce(opened_on, current_date)
     FROM import_rows WHERE action = 'create' AND row_number >= $1 AND row_number < $2 ORDER BY row_number`,
    `UPDATE hardship_archives a SET household_size = r.household_size, household_monthly_income_fen = r.income_fen, causes = r.causes,
       illness = coalesce(r.illness, a.illness), income_sources = coalesce(r.income_sources, a.income_sources), skills = coalesce(r.skills, a.skills),
       job_wishes = coalesce(r.job_wishes, a.job_wishes), plan = coalesce(r.plan, a.plan), updated_at = now()
     FROM import_rows r WHERE r.action = 'update' AND a.id = r.archive_id AND a.lifted_on IS NULL AND r.row_number >= $1 AND r.row_number < $2`,
  ],
};

/** A row checked is not as it was when written: someone changed it in between (lifted an archive). */
export class WriteConflict extends Error {}

/**
 * Writes the rows to create or update, a slice of rows at a time so progress can be told; a
 * WriteConflict when fewer than `expected` could be written.
 */
export async function writeRows(
  client: PoolClient,
  kind: ImportKind,
  expected: number,
  report: (written: number) => Promise<void>,
): Promise<void> {
  const { rows } = await client.query<{ first: number | null; last: number | null }>(
    `SELECT min(row_number) AS first, max(row_number) AS last FROM import_rows WHERE action IN ('create', 'update')`,
  );
  const { first, last } = rows[0]!;
  if (first === null || last === null) return;
  const SLICE = 5_000;
  let written = 0;
  for (let from = first; from <= last; from += SLICE) {
    for (const sql of WRITES[kind]) written += (await client.query(sql, [from, from + SLICE])).rowCount ?? 0;
    await report(written);
  }
  if (written < expected) throw new WriteConflict();
}
