import http from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AssistanceCaseDocument,
  AssistanceCasesDocument,
  createClient,
  FundBalanceDocument,
  FundRollupDocument,
  HarmoniousRollupDocument,
  OrgDocument,
  OrgRollupDocument,
  WorkerDocument,
  WorkersDocument,
  type GonghuiClient,
  type WorkersQuery,
} from '../client/sdk';
import { parseYuan } from '../server/common/money';
import { dataKey } from '../server/config';
import { createDataSource } from '../server/db/data-source';
import { ensureDatabase } from '../server/db/databases';
import type { EmbeddedDatabase } from '../server/db/embedded';
import { startScratchPostgres } from '../server/db/scratch';
import { DEMO_PASSWORD } from '../server/demo/demo-users';
import { loadDemo } from '../server/demo/load-demo';
import { createApp } from '../server/http/app';
import { buildDashboard } from '../server/http/dashboard';
import { checkCharacter } from '../server/worker/id-number';
import { WORKER_HEADER, xlsxOf } from './support/imports';
import { testCipher } from './support/personal-data';

// The dashboard as union staff use it: Debian's Chromium, headless, against the built dashboard
// served by the real server over the whole demo city. SCREENSHOTS=1 writes the main views to
// docs/screenshots/.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.SCREENSHOTS === '1' ? path.resolve(__dirname, '../docs/screenshots') : undefined;

let pg: EmbeddedDatabase;
let db: DataSource;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let downloads: string;
let started: number;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  pg = await startScratchPostgres();
  const url = pg.url('dashboard_test');
  await ensureDatabase(url);
  db = createDataSource(url);
  await db.initialize();
  await db.runMigrations();
  await Promise.all([buildDashboard(), loadDemo(db, testCipher)]);
  app = await createApp({
    db,
    keys: { secret: new TextEncoder().encode('dashboard-test-secret-dashboard-test!'), ttlSeconds: 3600 },
    dataKey: dataKey(),
    production: false,
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  downloads = mkdtempSync(path.join(tmpdir(), 'gonghui-downloads-'));
  if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
  started = performance.now();
}, 600_000);

afterAll(async () => {
  if (started) console.log(`  dashboard: the browser tests took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await browser?.close();
  await app?.close();
  await db?.destroy();
  await pg?.stop();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

async function apiAs(username: string): Promise<GonghuiClient> {
  const api = createClient({ url: `${base}/graphql` });
  await api.signIn(username, DEMO_PASSWORD);
  return api;
}

async function signIn(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  (page as Page & { problems: string[] }).problems = problems;
  await page.goto(`${base}/`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('nav[aria-label=组织树]');
  return page;
}

const problemsOf = (page: Page) => (page as Page & { problems: string[] }).problems;

async function shoot(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The cards' figures, as `data-value` holds them: name → value. */
async function figuresShown(page: Page): Promise<Record<string, string>> {
  await page.waitForSelector('[data-testid=figure-workers]');
  return page.$$eval('[data-testid^=figure-]', (cards) =>
    Object.fromEntries(
      cards.map((card) => [card.getAttribute('data-testid')!.slice('figure-'.length), card.getAttribute('data-value') ?? '']),
    ),
  );
}

/** What the API answers for the same cards. */
async function figuresOfApi(api: GonghuiClient, code: string): Promise<Record<string, string>> {
  const [workers, money, campaign] = await Promise.all([
    api.request(OrgRollupDocument, { code }),
    api.request(FundRollupDocument, { code }),
    api.request(HarmoniousRollupDocument, { code }),
  ]);
  const rollup = workers.org!.rollup;
  const funds = money.org!.rollup;
  const harmonious = campaign.org!.rollup.harmonious;
  return {
    orgCount: String(rollup.orgCount),
    workers: String(rollup.workers.total),
    members: String(rollup.workers.members),
    migrantWorkers: String(rollup.workers.migrantWorkers),
    modelWorkers: String(rollup.workers.modelWorkers),
    hardship: String(rollup.workers.hardship.total),
    extreme: String(rollup.workers.extremeHardship.total),
    fundsIncome: funds.funds.income,
    fundsDisbursed: funds.funds.disbursed,
    fundsBalance: funds.funds.balance,
    pairings: String(funds.pairings.total),
    pairingsLifted: String(funds.pairings.lifted),
    reemployed: String(funds.reemployed),
    harmoniousNamed: String(harmonious.named),
    harmoniousParticipating: String(harmonious.participatingEnterprises),
  };
}

async function download(page: Page, testId: string): Promise<ExcelJS.Worksheet[]> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testId}]`)]);
  const saved = path.join(downloads, file.suggestedFilename());
  await file.saveAs(saved);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(saved);
  return workbook.worksheets;
}

function rawStatus(requestPath: string): Promise<number | undefined> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    http
      .get({ host: hostname, port, path: requestPath }, (response) => {
        response.resume();
        resolve(response.statusCode);
      })
      .on('error', reject);
  });
}

const cellsOf = (row: ExcelJS.Row): unknown[] => (row.values as unknown[]).slice(1);

describe('the dashboard in Chromium', () => {
  it('is served at / with its security headers, and nothing beside the built files', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${base}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/.source-hash`)).status).toBe(404);
    // Sent as written (fetch would resolve the dots away before sending).
    expect([403, 404]).toContain(await rawStatus('/%2e%2e/package.json'));
    expect([403, 404]).toContain(await rawStatus('/assets/../.source-hash'));
  });

  it('shows sf.admin the city, drills into SF01, and every figure is the API’s', async () => {
    const page = await signIn('sf.admin');
    const api = await apiAs('sf.admin');
    await page.waitForURL(/#\/org\/SF$/);
    await expect.poll(() => page.textContent('main h1')).toBe('示范市总工会');
    expect(await figuresShown(page)).toEqual(await figuresOfApi(api, 'SF'));
    await shoot(page, 'city');

    await page.click('[data-testid=child-SF01] a');
    await page.waitForURL(/#\/org\/SF01$/);
    await expect.poll(() => page.textContent('main h1')).toBe('道里区总工会');
    expect(await page.textContent('nav[aria-label=上级组织]')).toContain('示范市总工会');
    const district = await figuresOfApi(api, 'SF01');
    // The district report's own figures, through the screen.
    expect(district).toMatchObject({ workers: '33724', hardship: '3456', extreme: '1058' });
    await expect.poll(() => figuresShown(page)).toEqual(district);

    // One row a child, each with the API's figures.
    const children = (await api.request(OrgRollupDocument, { code: 'SF01' })).org!.rollup.byChild;
    const rows = await page.$$eval('[data-testid=table-children] tbody tr[data-testid^=child-]', (trs) =>
      trs.map((tr) => tr.getAttribute('data-testid')),
    );
    expect(rows.sort()).toEqual(children.map((child) => `child-${child.org.code}`).sort());
    await shoot(page, 'district');
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('downloads the children table of SF01 as XLSX with Chinese headers and the API’s figures', async () => {
    const page = await signIn('sf.admin');
    const api = await apiAs('sf.admin');
    await page.goto(`${base}/#/org/SF01`);
    await page.waitForSelector('[data-testid=table-children] tbody tr');
    const headers = await page.$$eval('[data-testid=table-children] thead th', (ths) =>
      ths.map((th) => (th.textContent ?? '').replace(/[▲▼↑↓⇅]/g, '').trim()),
    );
    const [sheet] = await download(page, 'export-children');
    const headerRow = sheet!.getRows(1, sheet!.rowCount)!.find((row) => cellsOf(row)[0] === headers[0])!;
    expect(cellsOf(headerRow)).toEqual(headers);
    const column = (title: string) => headers.indexOf(title);
    expect(column('职工')).toBeGreaterThan(0);
    expect(column('困难职工')).toBeGreaterThan(0);

    const byName = new Map<unknown, unknown[]>();
    for (let n = headerRow.number + 1; n <= sheet!.rowCount; n++) byName.set(cellsOf(sheet!.getRow(n))[0], cellsOf(sheet!.getRow(n)));
    const rollup = (await api.request(OrgRollupDocument, { code: 'SF01' })).org!.rollup;
    for (const child of rollup.byChild) {
      const cells = byName.get(child.org.name);
      expect(cells, child.org.name).toBeDefined();
      expect(cells![column('职工')]).toBe(child.workers.total);
      expect(cells![column('困难职工')]).toBe(child.workers.hardship.total);
    }
    const total = byName.get('合计')!;
    expect(total[column('职工')]).toBe(rollup.workers.total);
    expect(total[column('困难职工')]).toBe(rollup.workers.hardship.total);
    await page.context().close();
  });

  it('lists an enterprise’s workers and downloads them as the API gives them', async () => {
    const page = await signIn('sf01.admin');
    const api = await apiAs('sf01.admin');
    const enterprise = (await api.request(OrgDocument, { code: 'SF01-01-001' })).org!;
    await page.goto(`${base}/#/org/SF01-01-001/workers`);
    await page.waitForSelector('[data-testid=table-workers] tbody tr');
    const all: { name: string; idNumber: string }[] = [];
    for (let after: string | null = null; ;) {
      const { workers }: WorkersQuery = await api.request(WorkersDocument, { orgId: enterprise.id, first: 100, after });
      all.push(...workers.edges.map((edge) => edge.node));
      if (!workers.pageInfo.hasNextPage) break;
      after = workers.pageInfo.endCursor ?? null;
    }
    expect(await page.getAttribute('[data-testid=workers-total]', 'data-value')).toBe(String(all.length));
    await shoot(page, 'workers');

    const [sheet] = await download(page, 'export-workers');
    const rows = sheet!.getRows(1, sheet!.rowCount)!.map(cellsOf);
    const header = rows.findIndex((cells) => cells.includes('身份证号'));
    expect(rows[header]).toContain('姓名');
    const idColumn = rows[header]!.indexOf('身份证号');
    const nameColumn = rows[header]!.indexOf('姓名');
    const listed = rows.slice(header + 1).map((cells) => `${String(cells[nameColumn])} ${String(cells[idColumn])}`);
    expect(listed.sort()).toEqual(all.map((worker) => `${worker.name} ${worker.idNumber}`).sort());

    // A VIEWER's download holds the numbers as masked as the screen shows them.
    const viewer = await signIn('sf.viewer');
    await viewer.goto(`${base}/#/org/SF01-01-001/workers`);
    await viewer.waitForSelector('[data-testid=table-workers] tbody tr');
    const [masked] = await download(viewer, 'export-workers');
    const maskedRows = masked!.getRows(1, masked!.rowCount)!.map(cellsOf);
    const maskedHeader = maskedRows.findIndex((cells) => cells.includes('身份证号'));
    const numbers = maskedRows.slice(maskedHeader + 1).map((cells) => String(cells[maskedRows[maskedHeader]!.indexOf('身份证号')]));
    expect(numbers).toHaveLength(all.length);
    for (const number of numbers) expect(number).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    await viewer.context().close();

    // A hardship worker's archive (一人一档), with the income the API gives the ADMIN.
    const street = (await api.request(OrgDocument, { code: 'SF01-01' })).org!;
    const { workers } = await api.request(WorkersDocument, { orgId: street.id, first: 100 });
    const poor = workers.edges.map((edge) => edge.node).find((worker) => worker.hardshipLevel === 'EXTREME')!;
    expect(poor).toBeDefined();
    const { worker } = await api.request(WorkerDocument, { id: poor.id });
    await page.goto(`${base}/#/org/SF01-01/workers/${poor.id}`);
    await page.waitForSelector('[data-testid=open-archive]');
    expect(await page.textContent('[data-testid=worker-archive] h2')).toContain(worker!.name);
    expect((await page.textContent('[data-testid=per-capita-income]'))?.replace(/[,\s元]/g, '')).toBe(
      worker!.hardshipArchive!.perCapitaMonthlyIncome,
    );
    await shoot(page, 'archive');
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('lets FINANCE approve and pay a case from the queue, and shows STAFF the queue without the buttons', async () => {
    const staff = await signIn('sf01.staff');
    await staff.goto(`${base}/#/org/SF01/cases`);
    await staff.waitForSelector('[data-testid=table-cases] tbody tr[data-testid^=case-]');
    expect(await staff.locator('[data-testid^=approve-], [data-testid^=disburse-], [data-testid^=reject-]').count()).toBe(0);
    await staff.context().close();

    const page = await signIn('sf01.finance');
    const api = await apiAs('sf01.finance');
    await page.goto(`${base}/#/org/SF01/cases`);
    await page.waitForSelector('[data-testid=table-cases] tbody tr[data-status=APPLIED]');
    const applied = await api.request(AssistanceCasesDocument, {
      orgId: (await api.request(OrgDocument, { code: 'SF01' })).org!.id,
      status: 'APPLIED',
      first: 100,
    });
    expect(await page.getAttribute('[data-testid=cases-total]', 'data-value')).toBe(String(applied.assistanceCases.totalCount));
    await shoot(page, 'cases');

    const id = (await page.getAttribute('[data-testid^=approve-]', 'data-testid'))!.slice('approve-'.length);
    const sf01 = (await api.request(OrgDocument, { code: 'SF01' })).org!;
    const before = (await api.request(FundBalanceDocument, { id: sf01.id })).org!.fundBalance;
    await page.click(`[data-testid=approve-${id}]`);
    await page.click('[data-testid=confirm-action]');
    await page.waitForSelector(`[data-testid=case-${id}][data-status=APPROVED]`);
    const approved = (await api.request(AssistanceCaseDocument, { id })).assistanceCase!;
    expect(approved).toMatchObject({ status: 'APPROVED', payingOrg: { code: 'SF01' } });

    await page.click(`[data-testid=disburse-${id}]`);
    await page.click('[data-testid=confirm-action]');
    await page.waitForSelector(`[data-testid=case-${id}][data-status=DISBURSED]`);
    const paid = (await api.request(AssistanceCaseDocument, { id })).assistanceCase!;
    expect(paid.status).toBe('DISBURSED');
    expect(paid.history.map((step) => step.status)).toEqual(['APPLIED', 'APPROVED', 'DISBURSED']);
    const after = (await api.request(FundBalanceDocument, { id: sf01.id })).org!.fundBalance;
    expect(parseYuan(before)! - parseYuan(after)!).toBe(parseYuan(paid.amount));
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('keeps SF01 from sf02.admin: not in the tree, and asked for by code it does not exist', async () => {
    const page = await signIn('sf02.admin');
    await page.waitForURL(/#\/org\/SF02$/);
    await page.waitForSelector('[data-testid=figure-workers]');
    expect(await page.locator('nav[aria-label=组织树] a', { hasText: '道里区总工会' }).count()).toBe(0);
    // The city is a breadcrumb, not a link.
    expect(await page.locator('nav[aria-label=上级组织] a', { hasText: '示范市总工会' }).count()).toBe(0);

    await page.goto(`${base}/#/org/SF01`);
    await expect.poll(() => page.textContent('[role=alert]')).toContain('找不到组织 SF01');
    expect(await page.locator('[data-testid^=figure-]').count()).toBe(0);
    await page.goto(`${base}/#/org/SF01/workers`);
    await expect.poll(() => page.textContent('[role=alert]')).toContain('找不到组织 SF01');
    expect(await page.locator('[data-testid=table-workers]').count()).toBe(0);
    // The API agrees: the same lookup as sf02.admin is empty, as sf.admin it is there.
    expect((await (await apiAs('sf02.admin')).request(OrgDocument, { code: 'SF01' })).org).toBeNull();
    expect((await (await apiAs('sf.admin')).request(OrgDocument, { code: 'SF01' })).org?.code).toBe('SF01');
    await page.context().close();
  });
  // Last: it registers three workers in SF01, whose figures the first tests hold to the district report's.
  it('imports a roster into an enterprise: a wrong row rejects the whole file and is shown by row and column, the corrected file registers all three', async () => {
    const page = await signIn('sf01.admin');
    const api = await apiAs('sf01.admin');
    const enterprise = (await api.request(OrgDocument, { code: 'SF01-01-001' })).org!;
    // Beijing numbers: the demo city's workers all have Heilongjiang's (23…).
    const ids = ['19850412002', '19790930001', '19910105003'].map((born) => `110101${born}${checkCharacter(`110101${born}`)}`);
    const wrongCheck = `${ids[2]!.slice(0, 17)}${ids[2]!.endsWith('0') ? '1' : '0'}`;
    const roster = (third: { idNumber: string; education: string }) =>
      xlsxOf([
        WORKER_HEADER,
        ['', '林晓梅', ids[0]!, '女', null, '高中', '在岗', '是', '否', '否', '13800001234'],
        ['', '王建国', ids[1]!, '男', null, '大专以上', '在岗', '是', '否', '否', ''],
        ['', '赵志强', third.idNumber, '男', null, third.education, '在岗', '否', '是', '否', ''],
      ]);
    const registered = async () =>
      Promise.all(
        ids.map(async (idNumber) => (await api.request(WorkersDocument, { orgId: enterprise.id, idNumber })).workers.edges[0]?.node),
      );
    const upload = async (name: string, buffer: Buffer) => {
      await page.setInputFiles('[data-testid=import-file]', {
        name,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer,
      });
      await page.click('[data-testid=import-upload]');
    };

    await page.goto(`${base}/#/org/SF01-01-001/imports`);
    await page.waitForSelector('[data-testid=imports-view]');
    expect(await page.getAttribute('[data-testid=tab-imports]', 'aria-current')).toBe('page');
    await upload('职工名册.xlsx', await roster({ idNumber: wrongCheck, education: '中学' }));

    // The default mode: one wrong row, nothing written, and the row's problems in the table.
    await page.waitForSelector('[data-testid=import-status][data-status=REJECTED]');
    expect(await page.textContent('[data-testid=import-rejected]')).toContain('没有写入任何数据');
    expect(await page.getAttribute('[data-testid=import-outcome-rejected]', 'data-value')).toBe('1');
    const [rejected] = await api.imports.list('SF01-01-001', 1);
    const problem = (await api.imports.get(rejected!.id)).problems.find((p) => p.column === 'idNumber')!;
    expect(problem).toMatchObject({ row: 4, header: '身份证号', code: 'ID_NUMBER_INVALID' });
    expect(problem.message).toContain('校验位');
    const cells = await page.$$eval('[data-testid=problem-4-idNumber] td', (tds) => tds.map((td) => td.textContent?.trim()));
    expect(cells).toEqual(['4', '身份证号', problem.value, problem.message]);
    expect(await page.locator('[data-testid=table-problems] tbody tr').count()).toBe(2);
    expect(await page.locator('[data-testid=problem-4-education]').count()).toBe(1);
    expect(await registered()).toEqual([undefined, undefined, undefined]);
    await shoot(page, 'imports');

    // Corrected and uploaded again: all three are registered where the API finds them.
    await upload('职工名册（改正）.xlsx', await roster({ idNumber: ids[2]!, education: '初中以下' }));
    await page.waitForSelector('[data-testid=import-status][data-status=DONE]');
    expect(await page.getAttribute('[data-testid=import-outcome-created]', 'data-value')).toBe('3');
    expect(await page.locator('[data-testid=table-problems]').count()).toBe(0);
    expect((await registered()).map((worker) => [worker?.name, worker?.org.code])).toEqual([
      ['林晓梅', 'SF01-01-001'],
      ['王建国', 'SF01-01-001'],
      ['赵志强', 'SF01-01-001'],
    ]);

    // The history, newest first; the rejected import opens again, and its problems download.
    await expect
      .poll(() => page.$$eval('[data-testid=imports-history] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-testid'))))
      .toEqual(expect.arrayContaining([`import-${rejected!.id}`]));
    await page.click(`[data-testid=open-import-${rejected!.id}]`);
    await page.waitForSelector('[data-testid=import-status][data-status=REJECTED]');
    const [sheet] = await download(page, 'export-problems');
    const rows = sheet!.getRows(1, sheet!.rowCount)!.map(cellsOf);
    const header = rows.findIndex((row) => row[0] === '行');
    expect(rows[header]!.slice(0, 4)).toEqual(['行', '列', '填写的值', '问题']);
    expect(rows.slice(header + 1).map((row) => [row[0], row[1]])).toEqual([
      ['4', '身份证号'],
      ['4', '文化程度'],
    ]);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();

    // FINANCE is not offered the tab, and the address says why.
    const finance = await signIn('sf01.finance');
    await finance.goto(`${base}/#/org/SF01-01-001`);
    await finance.waitForSelector('nav.tabs a');
    expect(await finance.locator('[data-testid=tab-imports]').count()).toBe(0);
    await finance.goto(`${base}/#/org/SF01-01-001/imports`);
    await expect.poll(() => finance.textContent('[data-testid=imports-forbidden]')).toContain('无权导入');
    expect(await finance.locator('[data-testid=import-file]').count()).toBe(0);
    expect(problemsOf(finance)).toEqual([]);
    await finance.context().close();
  });
});
