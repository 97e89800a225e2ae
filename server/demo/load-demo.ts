// Loads the demo data (DEMO.md) into an already migrated database: one transaction, rows
// streamed into COPY as they are generated, then ANALYZE.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';
import { ARCHIVE_COLUMNS, DemoGenerator, HARDSHIP_LINE, ORG_COLUMNS, ROOT_CODE, WORKER_COLUMNS } from './generate';

/** True when the demo tree (root org `SF`) is in the database. */
export async function isDemoLoaded(db: DataSource): Promise<boolean> {
  const rows: unknown[] = await db.query('SELECT 1 FROM orgs WHERE code = $1', [ROOT_CODE]);
  return rows.length > 0;
}

async function copyRows(client: PoolClient, target: string, rows: Iterable<string>): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  await pipeline(Readable.from(rows), stream);
  return stream.rowCount;
}

export async function loadDemo(
  db: DataSource,
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
    // Writers wait until the load is done (explicit ids follow the current maximum); readers do not.
    await runner.query('LOCK TABLE orgs, workers IN SHARE ROW EXCLUSIVE MODE');
    const existing: unknown[] = await runner.query('SELECT 1 FROM orgs WHERE code = $1', [ROOT_CODE]);
    if (existing.length > 0) throw new Error(`The demo data is already loaded (org ${ROOT_CODE} exists).`);
    await runner.query('SET LOCAL synchronous_commit = off');

    const [{ today, orgBase, workerBase }] = (await runner.query(
      `SELECT to_char(current_date, 'YYYY-MM-DD') AS today,
              (SELECT coalesce(max(id), 0) FROM orgs)::int AS "orgBase",
              (SELECT coalesce(max(id), 0) FROM workers)::text AS "workerBase"`,
    )) as [{ today: string; orgBase: number; workerBase: string }];
    const generator = new DemoGenerator({ today, orgBaseId: orgBase, workerBaseId: Number(workerBase) });

    orgs = await copyRows(client, `orgs (${ORG_COLUMNS})`, generator.orgRows());
    await runner.query(`SELECT setval(pg_get_serial_sequence('orgs', 'id'), (SELECT max(id) FROM orgs))`);
    const rootId = generator.orgs[0]!.id;
    await runner.query(
      'INSERT INTO hardship_lines (root_org_id, effective_from, hardship_line_fen, extreme_line_fen) VALUES ($1, $2, $3, $4)',
      [rootId, HARDSHIP_LINE.effectiveFrom, HARDSHIP_LINE.hardshipLineFen, HARDSHIP_LINE.extremeLineFen],
    );
    await runner.query(
      `INSERT INTO users (username, display_name, password_hash)
       SELECT username, display_name, $3 FROM unnest($1::text[], $2::text[]) AS u(username, display_name)`,
      [DEMO_USERS.map((user) => user.username), DEMO_USERS.map((user) => user.displayName), passwordHash],
    );
    await runner.query(
      `INSERT INTO role_assignments (user_id, org_id, role)
       SELECT u.id, o.id, r.role::role
         FROM unnest($1::text[], $2::text[], $3::text[]) AS r(username, code, role)
         JOIN users u ON u.username = r.username
         JOIN orgs o ON o.code = r.code`,
      [DEMO_USERS.map((user) => user.username), DEMO_USERS.map((user) => user.orgCode), DEMO_USERS.map((user) => user.role)],
    );
    log(`${orgs} orgs, the hardship line and ${DEMO_USERS.length} users (${lap()})`);

    workers = await copyRows(client, `workers (${WORKER_COLUMNS})`, generator.workerRows());
    await runner.query(`SELECT setval(pg_get_serial_sequence('workers', 'id'), (SELECT max(id) FROM workers))`);
    log(`${workers} workers, ${generator.totals.members} of them members (${lap()})`);

    const archives = await copyRows(client, `hardship_archives (${ARCHIVE_COLUMNS})`, generator.archiveRows());
    log(`${archives} hardship archives, ${generator.totals.openArchives} open (${lap()})`);

    await runner.commitTransaction();
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
  await db.query('ANALYZE orgs, workers, hardship_archives, hardship_lines, users, role_assignments');
  log(`committed and analysed (${lap()})`);
  return { orgs, workers, seconds: (performance.now() - started) / 1000 };
}
