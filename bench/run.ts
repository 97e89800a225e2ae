// npm run bench: the rollups of the municipal demo measured side by side in one run; prints a
// table and writes bench/RESULTS.md. BENCH_RUNS sets how many timed runs each case gets.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { createApp } from '../server/http/app';
import { benchDatabase } from './database';
import { FULL_ROLLUP, GROUP_BY_SQL, TYPENAME } from './queries';
import { median, ms, percentile, timeRuns } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const log = (line: string) => console.log(`bench: ${line}`);

interface Row {
  name: string;
  samples: number[];
}

async function main(): Promise<void> {
  const started = performance.now();
  const bench = await benchDatabase(log);
  const app = await createApp({
    db: bench.db,
    keys: { secret: new TextEncoder().encode('bench-secret-bench-secret-bench-secret'), ttlSeconds: 3600 },
    production: false,
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
  const post = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(body.errors[0]!.message);
    return body.data!;
  };
  const login = (await post('mutation { login(username: "sf.viewer", password: "gonghui-demo") { token } }')) as {
    login: { token: string };
  };
  const token = login.login.token;
  const sql = new Client({ connectionString: bench.url });
  await sql.connect();

  const rows: Row[] = [];
  const measure = async (name: string, run: () => Promise<unknown>, times = RUNS) => {
    log(name);
    rows.push({ name, samples: await timeRuns(run, times) });
  };
  try {
    await measure('{ __typename } over HTTP', () => post(TYPENAME), RUNS * 3);
    for (const [label, code] of [
      ['root SF', 'SF'],
      ['county SF01', 'SF01'],
      ['township SF01-01', 'SF01-01'],
    ] as const) {
      await measure(`rollup with byChild, ${label}, over HTTP`, () => post(FULL_ROLLUP, { code }, token));
      const [{ path: orgPath }] = (await sql.query('SELECT path::text AS path FROM orgs WHERE code = $1', [code])).rows as [
        { path: string },
      ];
      await measure(
        `plain SQL GROUP BY, ${label}`,
        async () => {
          for (const query of GROUP_BY_SQL) await sql.query(query, [orgPath]);
        },
        Math.max(5, Math.round(RUNS / 3)),
      );
    }
  } finally {
    await sql.end();
    await app.close();
    await bench.close();
  }

  const byName = new Map(rows.map((row) => [row.name, median(row.samples)]));
  const ratio = (slow: string, fast: string) => `${(byName.get(slow)! / byName.get(fast)!).toFixed(1)}x`;
  const table = [
    '| case | runs | median ms | p95 ms |',
    '|---|---:|---:|---:|',
    ...rows.map((row) => `| ${row.name} | ${row.samples.length} | ${ms(median(row.samples))} | ${ms(percentile(row.samples, 95))} |`),
  ];
  const ratios = [
    `- root rollup vs plain GROUP BY: the rollup is ${ratio('plain SQL GROUP BY, root SF', 'rollup with byChild, root SF, over HTTP')} faster (target 100x)`,
    `- root rollup over HTTP vs { __typename }: ${ratio('rollup with byChild, root SF, over HTTP', '{ __typename } over HTTP')} the round trip (target at most 10x)`,
  ];
  const report = [
    '# Benchmark results',
    '',
    `\`npm run bench\` on the municipal demo (${new Date().toISOString().slice(0, 10)}, ${RUNS} timed runs per rollup case, ` +
      `Node ${process.version}); total ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    '',
    ...table,
    '',
    ...ratios,
    '',
  ].join('\n');
  console.log(`\n${table.join('\n')}\n\n${ratios.join('\n')}`);
  writeFileSync(path.join(__dirname, 'RESULTS.md'), report);
  log('wrote bench/RESULTS.md');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
