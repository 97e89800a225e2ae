// Spreadsheet imports measured side by side: 100,000 rows as CSV and as XLSX against 10,000 of
// each (time should grow with the rows, memory should not), a second import of the same file,
// and the same workers registered one GraphQL mutation at a time. Memory is this process's,
// which hosts the server: the peak above what it used just before the upload.
import { createWriteStream, openAsBlob } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ExcelJS from 'exceljs';
import type { Client } from 'pg';
import { createClient, RegisterWorkerDocument, type GonghuiClient, type ImportView } from '../client/sdk';
import { checkCharacter } from '../server/worker/id-number';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const HEADER = ['组织代码', '姓名', '身份证号', '性别', '出生日期', '文化程度', '就业状态', '是否会员', '是否农民工', '是否劳模', '手机号'];
const EDUCATION = ['初中以下', '高中', '大专以上'];
const TARGET_SECONDS = 60;

export interface ImportCase {
  name: string;
  rows: number;
  bytes: number;
  seconds: number;
  /** The whole process's resident memory at its highest during the import (it hosts the server). */
  peakRssMb: number;
  peakHeapMb: number;
  /** The most the heap held after a full collection, sampled each second: what the import keeps, not its garbage. */
  peakLiveHeapMb: number;
  outcome: ImportView['outcome'];
}

export interface ImportBench {
  cases: ImportCase[];
  /** Rows a second, registering one worker per GraphQL mutation. */
  mutationRowsPerSecond: number;
  mutationSample: number;
  county: string;
}

/** A fresh 6-digit region code per file, so reruns on one database import new people. */
function regionOf(seed: number): string {
  return String((110000 + ((Date.now() / 1000 + seed * 7919) % 780000)) | 0).padStart(6, '1');
}

function* rowsOf(count: number, region: string, orgs: string[]): Generator<string[]> {
  for (let i = 0; i < count; i++) {
    const born = new Date(Date.UTC(1965, 0, 1) + Math.floor(i / 999) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `${region}${born}${String(i % 999).padStart(3, '0')}`;
    yield [
      orgs[i % orgs.length]!,
      `导入职工${i}`,
      `${first17}${checkCharacter(first17)}`,
      '',
      '',
      EDUCATION[i % 3]!,
      '在岗',
      i % 2 ? '是' : '否',
      i % 5 ? '否' : '是',
      '否',
      `139${String(i).padStart(8, '0')}`,
    ];
  }
}

async function writeCsv(file: string, rows: Iterable<string[]>): Promise<void> {
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(`\ufeff${HEADER.join(',')}\r\n`);
  for (const row of rows) await write(`${row.join(',')}\r\n`);
  out.end();
  await once(out, 'finish');
}

async function writeXlsx(file: string, rows: Iterable<string[]>): Promise<void> {
  // Shared strings, as Excel writes them (and after the sheet, as Excel orders them).
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet('职工名册');
  sheet.addRow(HEADER).commit();
  for (const row of rows) sheet.addRow(row).commit();
  await workbook.commit();
}

/** Uploads and polls until done, sampling this process's memory meanwhile. */
async function timedImport(
  client: GonghuiClient,
  county: string,
  file: string,
  fileName: string,
): Promise<Omit<ImportCase, 'name' | 'rows'>> {
  gc();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  let peakLive = base.heapUsed;
  let tick = 0;
  const sampler = setInterval(() => {
    if (++tick % 50 === 0) gc();
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
    if (tick % 50 === 0) peakLive = Math.max(peakLive, now.heapUsed);
  }, 20);
  const started = performance.now();
  try {
    const accepted = await client.imports.upload('WORKERS', { org: county, file: await openAsBlob(file), fileName });
    const done = await client.imports.wait(accepted.id, { intervalMs: 100 });
    if (done.status !== 'DONE')
      throw new Error(`the import of ${fileName} ended ${done.status}: ${JSON.stringify(done.failure ?? done.problems.slice(0, 3))}`);
    return {
      bytes: (await stat(file)).size,
      seconds: (performance.now() - started) / 1000,
      peakRssMb: peakRss / 1024 / 1024,
      peakHeapMb: (peakHeap - base.heapUsed) / 1024 / 1024,
      peakLiveHeapMb: (peakLive - base.heapUsed) / 1024 / 1024,
      outcome: done.outcome,
    };
  } finally {
    clearInterval(sampler);
  }
}

export async function importBench(graphqlUrl: string, token: string, sql: Client, log: (line: string) => void): Promise<ImportBench> {
  const county = 'SF12';
  const orgs = (
    await sql.query<{ code: string }>(
      `SELECT o.code FROM orgs o WHERE o.path <@ (SELECT path FROM orgs WHERE code = $1) AND o.level = 'ENTERPRISE' ORDER BY o.code LIMIT 200`,
      [county],
    )
  ).rows.map((row) => row.code);
  const client = createClient({ url: graphqlUrl, token });
  const dir = await mkdtemp(path.join(tmpdir(), 'gonghui-bench-imports-'));
  const cases: ImportCase[] = [];
  try {
    let seed = 0;
    for (const [format, rows] of [
      ['csv', 10_000],
      ['csv', 100_000],
      ['xlsx', 10_000],
      ['xlsx', 100_000],
    ] as const) {
      const file = path.join(dir, `workers-${rows}.${format}`);
      await (format === 'csv' ? writeCsv : writeXlsx)(file, rowsOf(rows, regionOf(++seed), orgs));
      const name = `import ${rows.toLocaleString('en-US')} new workers, ${format.toUpperCase()}`;
      log(name);
      cases.push({ name, rows, ...(await timedImport(client, county, file, path.basename(file))) });
      if (rows === 100_000 && format === 'csv') {
        const again = `import the same ${rows.toLocaleString('en-US')} rows again, CSV (all unchanged)`;
        log(again);
        cases.push({ name: again, rows, ...(await timedImport(client, county, file, path.basename(file))) });
      }
    }
    // The same kind of worker, one registerWorker mutation at a time, as a front end without imports would.
    const sample = 500;
    const [{ id: orgId }] = (await sql.query<{ id: number }>('SELECT id FROM orgs WHERE code = $1', [orgs[0]])).rows as [{ id: number }];
    const started = performance.now();
    let i = 0;
    for (const row of rowsOf(sample, regionOf(++seed), orgs)) {
      await client.request(RegisterWorkerDocument, {
        input: {
          orgId: String(orgId),
          name: row[1]!,
          idNumber: row[2]!,
          education: (['JUNIOR_HIGH_OR_BELOW', 'HIGH_SCHOOL', 'COLLEGE_OR_ABOVE'] as const)[i++ % 3]!,
          phone: row[10]!,
        },
      });
    }
    return { cases, mutationRowsPerSecond: sample / ((performance.now() - started) / 1000), mutationSample: sample, county };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The table and the ratios for RESULTS.md. */
export function importReport(bench: ImportBench): { table: string[]; ratios: string[] } {
  const find = (name: string) => bench.cases.find((c) => c.name === name)!;
  const table = [
    `| import into ${bench.county} (over HTTP, upload to done) | rows | file MB | seconds | rows/s | process RSS, peak MB | heap above start, peak MB | live heap above start (after GC), peak MB |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...bench.cases.map(
      (c) =>
        `| ${c.name} | ${c.rows} | ${(c.bytes / 1024 / 1024).toFixed(1)} | ${c.seconds.toFixed(1)} | ${(c.rows / c.seconds).toFixed(0)} | ${c.peakRssMb.toFixed(0)} | ${c.peakHeapMb.toFixed(0)} | ${c.peakLiveHeapMb.toFixed(0)} |`,
    ),
    `| registerWorker, one mutation at a time (${bench.mutationSample} workers) | ${bench.mutationSample} | | ${(bench.mutationSample / bench.mutationRowsPerSecond).toFixed(1)} | ${bench.mutationRowsPerSecond.toFixed(0)} | | | |`,
  ];
  const ratios: string[] = [];
  for (const format of ['CSV', 'XLSX']) {
    const big = find(`import 100,000 new workers, ${format}`);
    const small = find(`import 10,000 new workers, ${format}`);
    const met = big.seconds <= TARGET_SECONDS ? 'met' : `missed by ${((big.seconds / TARGET_SECONDS - 1) * 100).toFixed(0)}%`;
    ratios.push(
      `- ${format}: 100,000 rows in ${big.seconds.toFixed(1)} s (target under ${TARGET_SECONDS} s: ${met}); ${(big.seconds / small.seconds).toFixed(1)}x the time of 10,000 rows ` +
        `(10x is linear); the live heap grew by at most ${big.peakLiveHeapMb.toFixed(0)} MB, against ${small.peakLiveHeapMb.toFixed(0)} MB for 10,000 rows; ` +
        `the process peaked at ${big.peakRssMb.toFixed(0)} MB RSS (${small.peakRssMb.toFixed(0)} MB for 10,000 rows)`,
    );
  }
  const csv = find('import 100,000 new workers, CSV');
  ratios.push(
    `- an import writes ${(csv.rows / csv.seconds / bench.mutationRowsPerSecond).toFixed(0)}x the rows per second of registerWorker mutations sent one after another`,
  );
  return { table, ratios };
}
