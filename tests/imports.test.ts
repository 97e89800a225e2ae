import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createClient,
  OrgRollupDocument,
  UpdateHardshipArchiveDocument,
  WorkerDocument,
  WorkersDocument,
  type GonghuiClient,
  type ImportView,
} from '../client/sdk';
import { makeIdNumber } from './support/fixture';
import { errorOf } from './support/errors';
import { usePermissionTree } from './support/env';
import { readdir, readlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import {
  ARCHIVE_HEADER,
  SPREADSHEET_MAIN,
  WORKER_HEADER,
  csvOf,
  importFile,
  inlineRow,
  workbookParts,
  xlsxOf,
  zipOf,
} from './support/imports';
import { randomUUID } from 'node:crypto';
import { getEventListeners } from 'node:events';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { callerFromHeader } from '../server/auth/caller';
import { API_CONNECTION_LIMITS } from '../server/db/data-source';
import { ImportMode } from '../server/imports/import.entity';
import { IMPORT_LOCK, ImportQueue } from '../server/imports/import-run';
import { testCipher } from './support/personal-data';

const env = usePermissionTree();

let staff: GonghuiClient;
const ids = {
  a: makeIdNumber('1975-03-01', 'MALE', 1),
  b: makeIdNumber('1988-11-20', 'FEMALE', 2),
  c: makeIdNumber('1966-07-09', 'MALE', 3),
};

const count = async (sql: string, params: unknown[] = []) => ((await env.server.db.query(sql, params)) as [{ n: number }])[0].n;
const workerCount = () => count('SELECT count(*)::int AS n FROM workers');
const archiveCount = () => count('SELECT count(*)::int AS n FROM hardship_archives');

async function workerByIdNumber(client: GonghuiClient, orgId: number, idNumber: string) {
  const { workers } = await client.request(WorkersDocument, { orgId: String(orgId), idNumber });
  return workers.edges[0]?.node ?? null;
}

async function rollupOf(client: GonghuiClient, code: string) {
  const { org } = await client.request(OrgRollupDocument, { code });
  return org!.rollup;
}

/** Waits, up to 5 s, until the test holds. */
async function until(test: () => Promise<boolean>) {
  for (let i = 0; i < 200 && !(await test()); i++) await new Promise((resolve) => setTimeout(resolve, 25));
}

/** Problems as [row, column, code], the shape the tests compare. */
const problemsOf = (view: ImportView) => view.problems.map((p) => [p.row, p.column, p.code]);

const goodRows = () => [
  WORKER_HEADER,
  ['E1', '赵一', ids.a, '男', new Date(Date.UTC(1975, 2, 1)), '高中', '在岗', '是', '否', '否', 13800000001],
  ['', '钱二', ids.b.toLowerCase(), '', null, '大专', '下岗', '否', '是', '', '139-0000-0002'],
  ['E1B', '孙三', ids.c, '男', '1966/7/9', '初中及以下', '', true, false, '是', null],
];

beforeAll(async () => {
  staff = await env.server.as('staff.c1');
});

describe('templates', () => {
  it('downloads an XLSX template with the headers, an example row, lists and text-formatted ID numbers, which imports once filled in', async () => {
    const response = await fetch(new URL('/api/imports/templates/workers.xlsx', env.server.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('职工名册');
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(WORKER_HEADER);
    expect(String(sheet.getCell('B2').value)).toMatch(/^示例/);
    expect(sheet.getCell('C3').numFmt).toBe('@');
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, { type: string; formulae: unknown[] }> } })
      .dataValidations.model;
    for (const cell of ['F2', 'F10001']) expect(validations[cell]).toMatchObject({ type: 'list', formulae: ['"初中以下,高中,大专以上"'] });
    expect(validations.C500).toMatchObject({ type: 'textLength', formulae: [18] });
    expect(workbook.getWorksheet('填写说明')).toBeDefined();

    // Staff type two workers under the example and upload the file as it is.
    sheet.getRow(3).values = ['E1', '周四', makeIdNumber('1990-01-01', 'FEMALE', 4), '女', null, '高中', '在岗', '是', '否', '否', ''];
    sheet.getRow(4).values = ['E1', '吴五', makeIdNumber('1991-02-02', 'MALE', 5), '', null, '大专以上', '', '', '', '', ''];
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const done = await importFile(staff, 'WORKERS', 'E1', filled, { fileName: '职工名册导入模板.xlsx' });
    expect(done.status).toBe('DONE');
    expect(done.outcome).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0, skipped: 1 });
    expect(done.fileName).toBe('职工名册导入模板.xlsx');
  });

  it('downloads CSV templates in UTF-8 with a BOM, and the archives template, without signing in', async () => {
    const csv = Buffer.from(await (await fetch(new URL('/api/imports/templates/archives.csv', env.server.url))).arrayBuffer());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.subarray(3).toString('utf8').split('\r\n')[0]).toBe(ARCHIVE_HEADER.join(','));
    const xlsx = await fetch(new URL('/api/imports/templates/archives.xlsx', env.server.url));
    expect(xlsx.status).toBe(200);
    expect((await fetch(new URL('/api/imports/templates/payroll.xlsx', env.server.url))).status).toBe(404);
  });
});

describe('importing workers', () => {
  it('registers every row of a good XLSX, reading dates, numbers and booleans as Excel keeps them, and the rollup counts them', async () => {
    const before = await rollupOf(staff, 'C1');
    const done = await importFile(staff, 'WORKERS', 'T1', await xlsxOf(goodRows()), { fileName: 'good.xlsx' });
    expect(done).toMatchObject({
      status: 'DONE',
      kind: 'WORKERS',
      mode: 'ALL_OR_NOTHING',
      createdBy: 'staff.c1',
      problemCount: 0,
      progress: 1,
    });
    expect(done.outcome).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 0, skipped: 0 });
    expect(done.org.code).toBe('T1');

    const zhao = await workerByIdNumber(staff, env.tree.orgs.E1.id, ids.a);
    expect(zhao).toMatchObject({
      name: '赵一',
      gender: 'MALE',
      birthDate: '1975-03-01',
      education: 'HIGH_SCHOOL',
      isMember: true,
      phone: '13800000001',
    });
    expect(zhao!.org.code).toBe('E1');
    // A blank org code is the org imported into; a lower-case x is an X.
    const qian = await workerByIdNumber(staff, env.tree.orgs.T1.id, ids.b);
    expect(qian).toMatchObject({
      org: { code: 'T1' },
      education: 'COLLEGE_OR_ABOVE',
      employmentStatus: 'LAID_OFF',
      isMigrantWorker: true,
      phone: '139-0000-0002',
    });
    const sun = await workerByIdNumber(staff, env.tree.orgs.E1b.id, ids.c);
    expect(sun).toMatchObject({
      birthDate: '1966-07-09',
      education: 'JUNIOR_HIGH_OR_BELOW',
      employmentStatus: 'EMPLOYED',
      isMember: true,
      isModelWorker: true,
      phone: null,
    });

    const after = await rollupOf(staff, 'C1');
    expect(after.workers.total).toBe(before.workers.total + 3);
    expect(after.workers.members).toBe(before.workers.members + 2);
    expect(after.workers.modelWorkers).toBe(before.workers.modelWorkers + 1);
  });

  it('changes nothing when the same file is imported again', async () => {
    const stamp = await env.server.db.query('SELECT max(updated_at) AS at, count(*)::int AS n FROM workers');
    const again = await importFile(staff, 'WORKERS', 'T1', await xlsxOf(goodRows()));
    expect(again.status).toBe('DONE');
    expect(again.outcome).toEqual({ created: 0, updated: 0, unchanged: 3, rejected: 0, skipped: 0 });
    expect(await env.server.db.query('SELECT max(updated_at) AS at, count(*)::int AS n FROM workers')).toEqual(stamp);
  });

  it('updates the workers a corrected file names, by ID number, and keeps what a blank cell leaves out', async () => {
    const rows = goodRows();
    rows[1]![5] = '大专以上'; // 赵一's education corrected
    rows[1]![10] = ''; // phone left blank: kept
    rows[2]![10] = '13900000002'; // 钱二's phone changed
    const done = await importFile(
      staff,
      'WORKERS',
      'T1',
      csvOf(rows.map((row) => row.map((cell) => (cell instanceof Date ? '1975-03-01' : String(cell ?? ''))))),
      {
        fileName: 'corrected.csv',
      },
    );
    expect(done.status).toBe('DONE');
    expect(done.outcome).toEqual({ created: 0, updated: 2, unchanged: 1, rejected: 0, skipped: 0 });
    expect(await workerByIdNumber(staff, env.tree.orgs.E1.id, ids.a)).toMatchObject({
      education: 'COLLEGE_OR_ABOVE',
      phone: '13800000001',
    });
    expect(await workerByIdNumber(staff, env.tree.orgs.T1.id, ids.b)).toMatchObject({ phone: '13900000002', employmentStatus: 'LAID_OFF' });
  });

  it('keeps a registered worker at its org when the org code is left blank, as any blank cell keeps its value', async () => {
    // 赵一 is registered at E1, under C1; the corrected roster is imported into C1 without org codes.
    const rows = [WORKER_HEADER, ['', '赵一', ids.a, '', '', '大专以上', '', '', '', '', '']];
    const view = await importFile(staff, 'WORKERS', 'C1', await xlsxOf(rows), { mode: 'CHECK_ONLY' });
    expect(view).toMatchObject({ status: 'CHECKED', problemCount: 0, outcome: { created: 0, updated: 0, unchanged: 1 } });
  });

  const wrongCheck = (idNumber: string) => `${idNumber.slice(0, 17)}${idNumber[17] === '0' ? '1' : '0'}`;
  const badRows = () => [
    WORKER_HEADER,
    ['E1', '', makeIdNumber('1970-01-01', 'MALE', 10), '', '', '高中', '', '', '', '', ''], // 2: no name
    ['E1', '坏校验', wrongCheck(makeIdNumber('1970-01-01', 'MALE', 11)), '', '', '高中', '', '', '', '', ''], // 3
    ['E1', '数字号', Number('230102197001010130'), '', '', '高中', '', '', '', '', ''], // 4: an ID typed as a number
    ['E1', '性别错', makeIdNumber('1970-01-01', 'MALE', 12), '女', '', '高中', '', '', '', '', ''], // 5
    ['E1', '生日错', makeIdNumber('1970-01-01', 'MALE', 13), '', '1970-01-02', '高中', '', '', '', '', ''], // 6
    ['E1', '日期坏', makeIdNumber('1970-01-01', 'MALE', 14), '', '1970-13-01', '高中', '', '', '', '', ''], // 7
    ['E1', '学历错', makeIdNumber('1970-01-01', 'MALE', 15), '', '', '博士后', '', '可能', '', '', '12ab'], // 8: three problems
    ['E2', '越界', makeIdNumber('1970-01-01', 'MALE', 16), '', '', '高中', '', '', '', '', ''], // 9: another county's org
    ['NOPE', '无此组织', makeIdNumber('1970-01-01', 'MALE', 17), '', '', '高中', '', '', '', '', ''], // 10
    ['E1', '重复甲', makeIdNumber('1970-01-01', 'MALE', 18), '', '', '高中', '', '', '', '', ''], // 11
    ['E1', '重复乙', makeIdNumber('1970-01-01', 'MALE', 18), '', '', '高中', '', '', '', '', ''], // 12
    ['E1', '孙三', ids.c, '', '', '高中', '', '', '', '', ''], // 13: registered at E1B
    ['E1', '正确', makeIdNumber('1970-01-01', 'FEMALE', 19), '', '', '高中', '', '', '', '', ''], // 14: good
  ];

  it('reports every wrong row by row, column and code, and writes nothing while any row is wrong', async () => {
    const before = await workerCount();
    const view = await importFile(staff, 'WORKERS', 'C1', await xlsxOf(badRows()), { fileName: 'bad.xlsx' });
    expect(view.status).toBe('REJECTED');
    expect(problemsOf(view)).toEqual([
      [2, 'name', 'REQUIRED'],
      [3, 'idNumber', 'ID_NUMBER_INVALID'],
      [4, 'idNumber', 'ID_NUMBER_AS_NUMBER'],
      [5, 'gender', 'GENDER_MISMATCH'],
      [6, 'birthDate', 'BIRTH_DATE_MISMATCH'],
      [7, 'birthDate', 'DATE_INVALID'],
      [8, 'education', 'NOT_AN_OPTION'],
      [8, 'isMember', 'NOT_AN_OPTION'],
      [8, 'phone', 'PHONE_INVALID'],
      [9, 'orgCode', 'ORG_NOT_FOUND'],
      [10, 'orgCode', 'ORG_NOT_FOUND'],
      [11, 'idNumber', 'DUPLICATE_IN_FILE'],
      [12, 'idNumber', 'DUPLICATE_IN_FILE'],
      [13, 'idNumber', 'REGISTERED_AT_OTHER_ORG'],
    ]);
    expect(view.outcome).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 12, skipped: 0 });
    expect(await workerCount()).toBe(before);

    const byRow = Object.fromEntries(view.problems.map((p) => [`${p.row}:${p.column}`, p]));
    expect(byRow['3:idNumber']!.message).toContain('校验位');
    expect(byRow['3:idNumber']!.value).toMatch(/^230102\*{8}\d{3}[\dX]$/);
    expect(byRow['5:gender']!.message).toContain('按身份证号是男');
    expect(byRow['9:orgCode']!.message).toBe('没有代码为 E2 的组织，或它不在 C1 工会（C1） 之下');
    expect(byRow['11:idNumber']!.message).toContain('第 12 行');
    expect(byRow['13:idNumber']!.message).toContain('E1B');
    expect(byRow['8:education']!.message).toContain('初中以下、高中、大专以上');
    // A birth date is personal data: the ID number's is never told (its 8 masked digits), the cell's is masked.
    expect(byRow['6:birthDate']!.message).not.toContain('1970-01-01');
    expect(byRow['6:birthDate']!.value).toBe('****-**-**');
    expect(byRow['7:birthDate']!.value).toBe('****-**-**');
  });

  it('writes the valid rows and reports the wrong ones when asked to (VALID_ROWS), and only checks with CHECK_ONLY', async () => {
    const before = await workerCount();
    const checked = await importFile(staff, 'WORKERS', 'C1', await xlsxOf(badRows()), { mode: 'CHECK_ONLY' });
    expect(checked.status).toBe('CHECKED');
    expect(checked.outcome).toMatchObject({ created: 1, rejected: 12 });
    expect(await workerCount()).toBe(before);

    const partial = await importFile(staff, 'WORKERS', 'C1', await xlsxOf(badRows()), { mode: 'VALID_ROWS' });
    expect(partial.status).toBe('DONE');
    expect(partial.outcome).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 12, skipped: 0 });
    expect(partial.problemCount).toBe(14);
    expect(await workerCount()).toBe(before + 1);
    expect(await workerByIdNumber(staff, env.tree.orgs.E1.id, makeIdNumber('1970-01-01', 'FEMALE', 19))).toMatchObject({ name: '正确' });
  });

  it("does not hold up the API's changes to the tree's archives while it runs", async () => {
    // The import is held at its write of 孙三, whose row another transaction has locked: it has taken its lock on the tree.
    const sun = await workerByIdNumber(staff, env.tree.orgs.E1b.id, ids.c);
    const holder = env.server.db.createQueryRunner();
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM workers WHERE id = $1 FOR UPDATE', [sun!.id]);
      // The roster as corrected above, and 孙三's phone number changed.
      const rows = goodRows();
      rows[1]![5] = '大专以上';
      rows[2]![10] = '13900000002';
      rows[3]![10] = '13700000003';
      const pending = importFile(staff, 'WORKERS', 'T1', await xlsxOf(rows));
      const waiting = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE workers w SET%'`;
      await until(async () => (await count(waiting)) > 0);
      const { updateHardshipArchive } = await staff.request(UpdateHardshipArchiveDocument, {
        input: { id: env.tree.archives.E1b!, plan: '结对帮扶' },
      });
      expect(updateHardshipArchive.plan).toBe('结对帮扶');
      await holder.query('COMMIT');
      expect(await pending).toMatchObject({ status: 'DONE', outcome: { updated: 1, unchanged: 2 } });
    } finally {
      await holder.release();
    }
  });

  it('reads a TRUE or FALSE cell in a column of choices as a wrong choice, not as a fault of ours', async () => {
    const idNumber = makeIdNumber('1971-02-02', 'MALE', 20);
    const view = await importFile(
      staff,
      'WORKERS',
      'E1',
      await xlsxOf([WORKER_HEADER, ['E1', '布尔', idNumber, true, '', true, false, '', '', '', '']]),
    );
    expect(view.status).toBe('REJECTED');
    expect(problemsOf(view)).toEqual([
      [2, 'gender', 'NOT_AN_OPTION'],
      [2, 'education', 'NOT_AN_OPTION'],
      [2, 'employmentStatus', 'NOT_AN_OPTION'],
    ]);
    expect(view.problems[1]).toMatchObject({ value: 'TRUE', message: '文化程度只能填：初中以下、高中、大专以上' });
  });

  it('refuses an org code longer than any org has, and never repeats a long cell whole', async () => {
    const code = 'E1'.repeat(2_000);
    const view = await importFile(
      staff,
      'WORKERS',
      'E1',
      csvOf([WORKER_HEADER, [code, '长代码', makeIdNumber('1971-02-02', 'MALE', 22), '', '', '高中', '', '', '', '', '']]),
    );
    expect(problemsOf(view)).toEqual([[2, 'orgCode', 'TOO_LONG']]);
    expect(view.problems[0]!.message.length).toBeLessThan(100);
    expect(view.problems[0]!.value).toBe(`${code.slice(0, 60)}…`);
  });

  it('reports a NUL or other control character in a cell as a problem of the cell, and names odd headers briefly and without them', async () => {
    const idNumber = makeIdNumber('1971-02-02', 'MALE', 21);
    const longHeader = '说明'.repeat(200);
    const view = await importFile(
      staff,
      'WORKERS',
      'E1',
      csvOf([
        ['序号\u0000', longHeader, ...WORKER_HEADER],
        ['1', '', 'E1', '空\u0000字', idNumber, '', '', '高中', '', '', '', '', ''],
      ]),
    );
    expect(view.status).toBe('REJECTED');
    expect(problemsOf(view)).toEqual([[2, 'name', 'CONTROL_CHARACTER']]);
    expect(view.problems[0]!.value).toBe('空\ufffd字');
    expect(view.ignoredColumns).toEqual(['序号', `${longHeader.slice(0, 40)}…`]);
  });

  it.each([
    ['GB18030, as Excel on Chinese Windows saves CSV', 'gb18030'],
    ['UTF-8 with a BOM', 'utf8-bom'],
    ['UTF-8 without a BOM', 'utf8'],
  ] as const)('reads a CSV in %s', async (_label, encoding) => {
    const serial = { gb18030: 30, 'utf8-bom': 31, utf8: 32 }[encoding];
    const idNumber = makeIdNumber('1982-08-08', 'FEMALE', serial);
    const file = csvOf(
      [
        ['序号', ...WORKER_HEADER, '备注'],
        ['1', 'E1C', '欧阳·娜仁', idNumber, '女', '1982-08-08', '初中以下', '失业', '是', '是', '否', '', '“引号”, 逗号'],
        [],
      ],
      encoding,
    );
    const done = await importFile(staff, 'WORKERS', 'C1', file, { fileName: `roster-${encoding}.csv` });
    expect(done.status).toBe('DONE');
    expect(done.ignoredColumns).toEqual(['序号', '备注']);
    expect(done.outcome).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 0, skipped: 1 });
    expect(await workerByIdNumber(staff, env.tree.orgs.E1c.id, idNumber)).toMatchObject({
      name: '欧阳·娜仁',
      education: 'JUNIOR_HIGH_OR_BELOW',
      employmentStatus: 'UNEMPLOYED',
      isMember: true,
      isMigrantWorker: true,
    });
  });

  it.each([
    ['semicolons', ';', 'utf8-bom'],
    ['tabs, as Excel saves 文本文件(制表符分隔) on Chinese Windows', '\t', 'gb18030'],
  ] as const)('reads a CSV whose fields are separated by %s', async (_label, delimiter, encoding) => {
    const idNumber = makeIdNumber('1983-03-03', 'FEMALE', delimiter === ';' ? 33 : 34);
    const rows = [WORKER_HEADER, ['E1C', '分隔', idNumber, '', '', '高中', '', '', '', '', '']];
    const text = `${rows.map((row) => row.join(delimiter)).join('\r\n')}\r\n`;
    const file = encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(`\ufeff${text}`, 'utf8');
    const done = await importFile(staff, 'WORKERS', 'C1', file, { fileName: 'roster.csv' });
    expect(done).toMatchObject({ status: 'DONE', outcome: { created: 1 } });
  });

  it.each([
    ['a quote never closed', `${WORKER_HEADER.join(',')}\r\nE1,"未闭合,230102197001010011,,,高中\r\n`],
    ['one endless line', `${WORKER_HEADER.join(',')}\r\n${'很长'.repeat(2_000_000)}\r\n`],
  ])('rejects a CSV with %s as unreadable, saying so in Chinese', async (_label, text) => {
    const view = await importFile(staff, 'WORKERS', 'E1', Buffer.from(text, 'utf8'), { fileName: 'roster.csv' });
    expect(view.problems).toMatchObject([{ row: null, code: 'FILE_UNREADABLE' }]);
    expect(view.problems[0]!.message).toMatch(/^CSV 文件/);
    expect(view.problems[0]!.message).not.toMatch(/Quote|Record|line|parsing/);
  });

  it.each([
    [
      'a missing required column',
      csvOf([
        ['组织代码', '姓名', '文化程度'],
        ['E1', '某', '高中'],
      ]),
      'COLUMN_MISSING',
      '身份证号',
    ],
    [
      'no header at all',
      csvOf([
        ['a', 'b'],
        ['1', '2'],
      ]),
      'HEADER_NOT_FOUND',
      '姓名',
    ],
    ['an old .xls file', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'FILE_FORMAT', '.xlsx'],
    ['an empty file', Buffer.alloc(0), 'NO_ROWS', '空'],
    [
      'bytes that are neither UTF-8 nor GB18030',
      Buffer.from([0xe5, 0xa7, 0x93, 0x2c, 0xff, 0xff, 0xff, 0x0a]),
      'FILE_ENCODING',
      'CSV UTF-8',
    ],
    ['a damaged XLSX', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), 'FILE_UNREADABLE', '损坏'],
  ])('rejects %s as a problem of the whole file', async (_label, file, code, words) => {
    const view = await importFile(staff, 'WORKERS', 'C1', file);
    expect(view.status).toBe('REJECTED');
    expect(view.problems).toHaveLength(1);
    expect(view.problems[0]).toMatchObject({ row: null, code });
    expect(view.problems[0]!.message).toContain(words);
  });

  it('leaves nothing written when the import fails half-way through writing', async () => {
    // A real failure inside the write: PostgreSQL refuses the 6,001st row, after 6,000 were inserted in the same transaction.
    await env.server.db.query(`CREATE FUNCTION refuse_import_fault() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name = '故障' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`);
    await env.server.db.query(
      'CREATE TRIGGER refuse_import_fault BEFORE INSERT ON workers FOR EACH ROW EXECUTE FUNCTION refuse_import_fault()',
    );
    try {
      const rows: string[][] = [WORKER_HEADER];
      for (let i = 0; i < 6_001; i++) {
        const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 400) * 86_400_000).toISOString().slice(0, 10);
        rows.push([
          'E1',
          i === 6_000 ? '故障' : `批量${i}`,
          makeIdNumber(birth, 'MALE', i % 400, '110101'),
          '',
          '',
          '高中',
          '',
          '',
          '',
          '',
          '',
        ]);
      }
      const before = { workers: await workerCount(), rollup: await rollupOf(staff, 'C1') };
      const view = await importFile(staff, 'WORKERS', 'E1', csvOf(rows));
      expect(view.status).toBe('FAILED');
      expect(view.failure).toMatchObject({ code: 'INTERNAL' });
      expect(view.failure!.message).toContain('没有写入任何数据');
      expect(await workerCount()).toBe(before.workers);
      expect(await rollupOf(staff, 'C1')).toEqual(before.rollup);
    } finally {
      await env.server.db.query('DROP TRIGGER refuse_import_fault ON workers');
      await env.server.db.query('DROP FUNCTION refuse_import_fault()');
    }
  });

  it('imports the same new rows sent twice at once only once', async () => {
    const rows = [WORKER_HEADER, ['E1', '并发', makeIdNumber('1993-03-03', 'MALE', 40), '', '', '高中', '', '', '', '', '']];
    const file = await xlsxOf(rows);
    const [one, two] = await Promise.all([importFile(staff, 'WORKERS', 'E1', file), importFile(staff, 'WORKERS', 'E1', file)]);
    expect([one.status, two.status]).toEqual(['DONE', 'DONE']);
    expect([one.outcome!.created + two.outcome!.created, one.outcome!.unchanged + two.outcome!.unchanged]).toEqual([1, 1]);
  });

  it('waits for another import of the same tree however long it takes, not only as long as a request may wait for a lock', async () => {
    // Another import of the tree (on this server or another) holds the lock past the API's lock timeout.
    const other = env.server.db.createQueryRunner();
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1, $2)', [IMPORT_LOCK, env.tree.orgs.M.id]);
      const rows = [WORKER_HEADER, ['E1', '排队', makeIdNumber('1993-03-03', 'MALE', 41), '', '', '高中', '', '', '', '', '']];
      const waiting = importFile(staff, 'WORKERS', 'E1', await xlsxOf(rows));
      await new Promise((resolve) => setTimeout(resolve, API_CONNECTION_LIMITS.lockTimeoutMs + 1_000));
      await other.query('COMMIT');
      expect(await waiting).toMatchObject({ status: 'DONE', outcome: { created: 1 } });
    } finally {
      await other.release();
    }
  });
});

describe('reading XLSX files', () => {
  it('reads Chinese text whole from a large XLSX, wherever the chunks it unpacks in cut a character in two', async () => {
    const rows: (string | null)[][] = [WORKER_HEADER];
    for (let i = 0; i < 2_000; i++) {
      const birth = new Date(Date.UTC(1961, 0, 1) + Math.floor(i / 400) * 86_400_000).toISOString().slice(0, 10);
      rows.push([
        'E1C',
        `${'欧阳'.repeat(20)}${i}`,
        makeIdNumber(birth, 'FEMALE', i % 400, '110102'),
        '',
        null,
        '高中',
        '',
        '',
        '',
        '',
        '',
      ]);
    }
    const done = await importFile(staff, 'WORKERS', 'E1C', await xlsxOf(rows));
    expect(done).toMatchObject({ status: 'DONE', outcome: { created: 2_000 } });
    expect(
      await count(`SELECT count(*)::int AS n FROM workers WHERE name LIKE '欧阳欧阳%' AND name <> repeat('欧阳', 20) || substr(name, 41)`),
    ).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM workers WHERE strpos(name, chr(65533)) > 0`)).toBe(0);
  });

  it('reads formula results as Excel shows them, dates in a 1904 workbook too, and reports error values and formulas without a result', async () => {
    const rows: ExcelJS.CellValue[][] = [
      WORKER_HEADER,
      // 2: a birth date computed by a formula, in a workbook counting days from 1904.
      [
        'E1',
        '公式',
        makeIdNumber('1990-06-15', 'MALE', 70),
        '',
        { formula: 'DATE(1990,6,15)', result: new Date(Date.UTC(1990, 5, 15)) },
        '高中',
      ],
      ['E1', { error: '#N/A' }, makeIdNumber('1990-06-15', 'MALE', 71), '', null, '高中'], // 3: an error value
      [
        'E1',
        '无结果',
        makeIdNumber('1990-06-15', 'MALE', 72),
        '',
        null,
        { formula: 'VLOOKUP(A4,学历!A:B,2,FALSE)' } as ExcelJS.CellFormulaValue,
      ], // 4
      [
        'E1',
        '错误结果',
        makeIdNumber('1990-06-15', 'MALE', 73),
        '',
        null,
        { formula: 'NA()', result: { error: '#N/A' } } as ExcelJS.CellFormulaValue,
      ], // 5
      // 6: 19900615 typed into a cell formatted as a date: Excel shows ####, the importer reads the digits.
      ['E1', '日期数字', makeIdNumber('1990-06-15', 'MALE', 74), '', 19_900_615, '高中'],
    ];
    const view = await importFile(staff, 'WORKERS', 'E1', await xlsxOf(rows, 'Sheet1', { date1904: true, dateCells: ['E6'] }), {
      mode: 'VALID_ROWS',
    });
    expect(view.status).toBe('DONE');
    expect(problemsOf(view)).toEqual([
      [3, 'name', 'CELL_ERROR'],
      [4, 'education', 'CELL_ERROR'],
      [5, 'education', 'CELL_ERROR'],
    ]);
    expect(view.problems[0]!.message).toContain('#N/A');
    expect(view.outcome).toMatchObject({ created: 2, rejected: 3 });
  });

  it('leaves no temporary file open or behind when it reads an XLSX, also one whose reading stops early', async () => {
    // ExcelJS's temporary files are named tmp-<pid>-…; the server runs in this process.
    const mine = (path: string) => path.includes(`tmp-${process.pid}-`);
    const leftovers = async () => {
      const files = (await readdir(tmpdir())).filter(mine);
      const open = await Promise.all((await readdir('/proc/self/fd')).map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
      return { files, open: open.filter(mine) };
    };
    const before = await leftovers();
    const template = new ExcelJS.Workbook();
    await template.xlsx.load(await (await fetch(new URL('/api/imports/templates/workers.xlsx', env.server.url))).arrayBuffer());
    template.worksheets[0]!.getRow(3).values = ['E1', '临时', makeIdNumber('1992-02-02', 'MALE', 7), '', null, '高中'];
    const filled = await importFile(staff, 'WORKERS', 'E1', Buffer.from(await template.xlsx.writeBuffer()));
    expect(filled.status).toBe('DONE');
    const headless = await importFile(staff, 'WORKERS', 'E1', await xlsxOf(Array.from({ length: 30 }, () => ['甲', '乙'])));
    expect(headless.problems[0]!.code).toBe('HEADER_NOT_FOUND');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await leftovers()).toEqual(before);
  });

  it('refuses an XLSX part that unpacks into far more than it may hold, before it is unpacked whole', async () => {
    const parts = workbookParts(
      inlineRow(1, WORKER_HEADER) + inlineRow(2, ['E1', '膨胀', makeIdNumber('1992-02-02', 'MALE', 8), '', '', '高中']),
    );
    const bomb = zipOf({
      ...parts,
      'xl/styles.xml': { before: `<styleSheet xmlns="${SPREADSHEET_MAIN}">`, repeat: ' ', times: 40_000_000, after: '</styleSheet>' },
    });
    expect(bomb.length).toBeLessThan(100_000);
    const view = await importFile(staff, 'WORKERS', 'E1', bomb, { fileName: 'bomb.xlsx' });
    expect(view.status).toBe('REJECTED');
    expect(view.problems).toMatchObject([{ row: null, code: 'FILE_TOO_LARGE' }]);
    // A row bigger than any roster's is refused as it is read, not held whole.
    const row = zipOf(
      workbookParts({
        before: '<row r="1"><c r="A1" t="inlineStr"><is><t>',
        repeat: '大',
        times: 10_000_000,
        after: '</t></is></c></row>',
      }),
    );
    expect((await importFile(staff, 'WORKERS', 'E1', row)).problems).toMatchObject([{ row: null, code: 'FILE_TOO_LARGE' }]);
  });

  it.each([
    ['numbered twice', [2, 2]],
    ['numbered backwards', [3, 2]],
    ["beyond Excel's last row", [2, 1_048_577]],
  ])('refuses an XLSX whose rows are %s as unreadable', async (_label, numbers) => {
    const rows = numbers.map((row, at) => inlineRow(row, ['E1', `行号${at}`, makeIdNumber('1992-03-03', 'MALE', 10 + at), '', '', '高中']));
    const view = await importFile(staff, 'WORKERS', 'E1', zipOf(workbookParts(inlineRow(1, WORKER_HEADER) + rows.join(''))));
    expect(view.status).toBe('REJECTED');
    expect(view.problems).toMatchObject([{ row: null, code: 'FILE_UNREADABLE' }]);
  });
});

describe('importing hardship archives', () => {
  const archiveRows = (income: number | string = 720.5) => [
    ARCHIVE_HEADER,
    [ids.a, '赵一', 3, income, '下岗失业、大病', new Date(Date.UTC(2026, 0, 15)), '尿毒症', '低保', '电焊', '物业维修', '技能培训'],
    [ids.b, '', '4', '1,000', '单亲,子女上学', '', '', '', '', '', ''],
  ];

  it('opens archives for registered workers, and the rollup counts the hardship', async () => {
    const before = { archives: await archiveCount(), rollup: await rollupOf(staff, 'T1') };
    const done = await importFile(staff, 'ARCHIVES', 'T1', await xlsxOf(archiveRows()));
    expect(done.status).toBe('DONE');
    expect(done.outcome).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0, skipped: 0 });
    expect(await archiveCount()).toBe(before.archives + 2);
    const zhao = await workerByIdNumber(staff, env.tree.orgs.E1.id, ids.a);
    const { worker } = await staff.request(WorkerDocument, { id: zhao!.id });
    expect(worker!.hardshipArchive).toMatchObject({
      householdSize: 3,
      householdMonthlyIncome: '720.50',
      causes: ['LAID_OFF', 'SERIOUS_ILLNESS'],
      illness: '尿毒症',
      openedOn: '2026-01-15',
      level: 'EXTREME',
    });
    // 720.50 for 3 is below the 245-yuan line; 1,000 for 4 is below 280 but not 245.
    const after = await rollupOf(staff, 'T1');
    expect(after.workers.hardship.total).toBe(before.rollup.workers.hardship.total + 2);
    expect(after.workers.extremeHardship.total).toBe(before.rollup.workers.extremeHardship.total + 1);
  });

  it('changes nothing on a second import, and updates the open archive from a corrected one', async () => {
    const again = await importFile(staff, 'ARCHIVES', 'T1', await xlsxOf(archiveRows()));
    expect(again.outcome).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 0, skipped: 0 });
    const corrected = await importFile(staff, 'ARCHIVES', 'T1', await xlsxOf(archiveRows(800)));
    expect(corrected.outcome).toEqual({ created: 0, updated: 1, unchanged: 1, rejected: 0, skipped: 0 });
    const zhao = await workerByIdNumber(staff, env.tree.orgs.E1.id, ids.a);
    const { worker } = await staff.request(WorkerDocument, { id: zhao!.id });
    expect(worker!.hardshipArchive).toMatchObject({ householdMonthlyIncome: '800.00', illness: '尿毒症', level: 'HARDSHIP' });
  });

  it('reports archives of unknown workers, a name that is not the registered one, a changed opening date and unknown causes', async () => {
    const before = await archiveCount();
    const view = await importFile(
      staff,
      'ARCHIVES',
      'T1',
      await xlsxOf([
        ARCHIVE_HEADER,
        [makeIdNumber('1999-09-09', 'MALE', 1), '', 2, 100, '大病', null, '', '', '', '', ''], // 2: not registered
        [ids.a, '赵壹', 3, 700, '大病', '2026-01-15', '', '', '', '', ''], // 3: another name
        [ids.b, '', 2, 100, '单亲', '2025-12-01', '', '', '', '', ''], // 4: open archive dated otherwise
        // 5: a worker of E1C, outside T1 (imported from CSV above), and four bad cells
        [makeIdNumber('1982-08-08', 'FEMALE', 30), '', 0, -5, '懒惰', '2099-01-01', '', '', '', '', ''],
      ]),
    );
    expect(view.status).toBe('REJECTED');
    expect(problemsOf(view)).toEqual([
      [2, 'idNumber', 'WORKER_NOT_FOUND'],
      [3, 'name', 'NAME_MISMATCH'],
      [4, 'openedOn', 'OPENED_ON_DIFFERS'],
      [5, 'idNumber', 'WORKER_NOT_FOUND'],
      [5, 'householdSize', 'NUMBER_INVALID'],
      [5, 'householdMonthlyIncome', 'MONEY_INVALID'],
      [5, 'causes', 'NOT_AN_OPTION'],
      [5, 'openedOn', 'DATE_IN_FUTURE'],
    ]);
    // An income is personal data: its digits are masked, its shape (a minus sign) is not.
    expect(view.problems.find((p) => p.column === 'householdMonthlyIncome')!.value).toBe('-*');
    expect(await archiveCount()).toBe(before);
  });

  it('reads an income computed by a formula as Excel shows it, without the binary fraction a sum leaves, and digits typed into a date cell', async () => {
    // 100.7 + 620.1 is 720.8000000000001 as a double; Excel shows, and means, 720.8. And 20260115 typed
    // into a cell formatted as a date, which Excel shows as ####, is the date in those digits.
    const income = { formula: 'B2+C2', result: 100.7 + 620.1 } as ExcelJS.CellFormulaValue;
    const file = await xlsxOf([ARCHIVE_HEADER, [ids.a, '', 3, income, '大病', 20_260_115]], 'Sheet1', { dateCells: ['F2'] });
    const view = await importFile(staff, 'ARCHIVES', 'T1', file);
    expect(view.status).toBe('DONE');
    const zhao = await workerByIdNumber(staff, env.tree.orgs.E1.id, ids.a);
    expect((await staff.request(WorkerDocument, { id: zhao!.id })).worker!.hardshipArchive).toMatchObject({
      householdMonthlyIncome: '720.80',
    });
  });

  it('takes a 致困原因 cell of separators alone as empty: an archive has at least one cause', async () => {
    const view = await importFile(staff, 'ARCHIVES', 'T1', await xlsxOf([ARCHIVE_HEADER, [ids.a, '', 3, 700, '、 ；', null]]));
    expect(problemsOf(view)).toEqual([[2, 'causes', 'REQUIRED']]);
  });

  it('names a wrong cause briefly, however long the cell', async () => {
    const view = await importFile(staff, 'ARCHIVES', 'T1', await xlsxOf([ARCHIVE_HEADER, [ids.a, '', 3, 700, '懒'.repeat(5_000), null]]));
    expect(problemsOf(view)).toEqual([[2, 'causes', 'NOT_AN_OPTION']]);
    expect(view.problems[0]!.message.length).toBeLessThan(120);
  });

  it('writes nothing when an archive it updates is closed while it writes, and asks for the file again', async () => {
    const qian = await workerByIdNumber(staff, env.tree.orgs.T1.id, ids.b);
    const archive = (await staff.request(WorkerDocument, { id: qian!.id })).worker!.hardshipArchive!;
    // Someone lifts 钱二 out of hardship: committed once the import has checked the file and waits to write.
    const lifter = env.server.db.createQueryRunner();
    await lifter.connect();
    try {
      await lifter.query('BEGIN');
      await lifter.query(`UPDATE hardship_archives SET lifted_on = opened_on, lift_reason = '再就业', updated_at = now() WHERE id = $1`, [
        archive.id,
      ]);
      const pending = importFile(staff, 'ARCHIVES', 'T1', await xlsxOf([ARCHIVE_HEADER, [ids.b, '', 4, 999, '单亲', null]]));
      const waiting = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE hardship_archives a SET%'`;
      await until(async () => (await count(waiting)) > 0);
      await lifter.query('COMMIT');
      const view = await pending;
      expect(view).toMatchObject({ status: 'FAILED', failure: { code: 'CONFLICT' } });
      expect(view.failure!.message).toContain('没有写入任何数据');
    } finally {
      await lifter.release();
    }
    const closed = (await staff.request(WorkerDocument, { id: qian!.id })).worker!;
    expect(closed.hardshipArchive).toBeNull();
    expect(await count('SELECT household_monthly_income_fen::int AS n FROM hardship_archives WHERE id = $1', [archive.id])).toBe(100_000);
  });
});

describe('who may import', () => {
  const oneWorker = () => xlsxOf([WORKER_HEADER, ['', '权限', makeIdNumber('1994-04-04', 'MALE', 50), '', '', '高中', '', '', '', '', '']]);

  it('answers an import into an org outside the scope as one that does not exist, and lets a user whose scope covers it import', async () => {
    const outside = await errorOf(importFile(staff, 'WORKERS', 'E2', await oneWorker()));
    expect(outside).toMatchObject({ code: 'NOT_FOUND', field: 'org', status: 404 });
    const missing = await errorOf(importFile(staff, 'WORKERS', 'NO-SUCH-ORG', await oneWorker()));
    expect(missing).toMatchObject({ code: 'NOT_FOUND', field: 'org', message: outside.message });
    const admin = await env.server.as('admin.m');
    const done = await importFile(admin, 'WORKERS', 'E2', await oneWorker());
    expect(done).toMatchObject({ status: 'DONE', outcome: { created: 1 } });
  });

  it('refuses FINANCE and VIEWER, and anyone not signed in', async () => {
    for (const username of ['finance.c1', 'viewer.m']) {
      const refused = await errorOf(importFile(await env.server.as(username), 'WORKERS', 'E1', await oneWorker()));
      expect(refused).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    }
    const anonymous = await errorOf(importFile(env.server.client, 'WORKERS', 'E1', await oneWorker()));
    expect(anonymous).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('names the org a worker is registered at only when everyone who may read the import may read that org', async () => {
    // The fixture's worker of E2, in a file the municipal ADMIN imports into E1, whose staff read the import too.
    const row = ['', '别处', makeIdNumber('1980-05-17', 'MALE', 10), '', '', '高中', '', '', '', '', ''];
    const admin = await env.server.as('admin.m');
    const view = await importFile(admin, 'WORKERS', 'E1', await xlsxOf([WORKER_HEADER, row]));
    expect(problemsOf(view)).toEqual([[2, 'idNumber', 'REGISTERED_AT_OTHER_ORG']]);
    const seen = await (await env.server.as('staff.e1')).imports.get(view.id);
    expect(seen.problems[0]!.message).not.toMatch(/E2/);
    // Just what a user who may not read E2 learns when importing the same row.
    const own = await importFile(await env.server.as('staff.e1'), 'WORKERS', 'E1', await xlsxOf([WORKER_HEADER, row]));
    expect(own.problems[0]!.message).toBe(seen.problems[0]!.message);
  });

  it('shows an import only to those whose scope covers its org', async () => {
    const done = await importFile(
      staff,
      'WORKERS',
      'E1B',
      await xlsxOf([WORKER_HEADER, ['', '可见', makeIdNumber('1995-05-05', 'MALE', 60), '', '', '高中', '', '', '', '', '']]),
    );
    const admin = await env.server.as('admin.m');
    expect((await admin.imports.get(done.id)).id).toBe(done.id);
    const e1 = await env.server.as('staff.e1');
    expect(await errorOf(e1.imports.get(done.id))).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect(await errorOf((await env.server.as('finance.c1')).imports.get(done.id))).toMatchObject({ code: 'NOT_FOUND' });
    const listed = await admin.imports.list('C1', 100);
    expect(listed.map((view) => view.id)).toContain(done.id);
    expect((await e1.imports.list('E1', 100)).map((view) => view.id)).not.toContain(done.id);
  });
});

describe('bad requests', () => {
  const post = async (path: string, init: RequestInit & { token?: boolean } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token !== false) headers.set('authorization', `Bearer ${await env.server.token('staff.c1')}`);
    const response = await fetch(new URL(path, env.server.url), { method: 'POST', ...init, headers });
    return {
      status: response.status,
      body: (await response.json()) as { error: { code: string; reason: string; field?: string; message: string } },
    };
  };

  it('answers a request without a file, with an unknown mode, or not as multipart with a code naming the field', async () => {
    const noFile = new FormData();
    noFile.append('org', 'E1');
    expect(await post('/api/imports/workers', { body: noFile })).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_USER_INPUT', reason: 'FILE_REQUIRED', field: 'file' } },
    });
    const badMode = new FormData();
    badMode.append('org', 'E1');
    badMode.append('mode', 'SOMETIMES');
    badMode.append('file', new Blob(['x']), 'a.csv');
    expect(await post('/api/imports/workers', { body: badMode })).toMatchObject({
      status: 400,
      body: { error: { reason: 'MODE_INVALID', field: 'mode' } },
    });
    const json = await post('/api/imports/workers', { body: '{}', headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('BAD_USER_INPUT');
    const broken = await post('/api/imports/workers', {
      body: '--x\r\nnonsense',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    });
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    expect(JSON.stringify(broken.body)).not.toMatch(/at \w+ \(|node_modules|SELECT/);
    expect((await post('/api/imports/payroll', { body: noFile })).status).toBe(404);
    const noOrg = new FormData();
    noOrg.append('file', new Blob(['x']), 'a.csv');
    expect(await post('/api/imports/workers', { body: noOrg })).toMatchObject({
      status: 400,
      body: { error: { reason: 'ORG_REQUIRED', field: 'org' } },
    });
  });

  it('pages through the problems and refuses a page it cannot give', async () => {
    const rows: string[][] = [WORKER_HEADER];
    for (let i = 0; i < 150; i++) rows.push(['E1', '', 'x', '', '', '', '', '', '', '', '']);
    const view = await importFile(staff, 'WORKERS', 'E1', csvOf(rows));
    expect(view.problemCount).toBe(450);
    expect(view.problems).toHaveLength(100);
    const page = await staff.imports.problems(view.id, { offset: 440, limit: 50 });
    expect(page.total).toBe(450);
    expect(page.problems.map((p) => [p.row, p.column])).toEqual([
      [148, 'education'],
      [149, 'name'],
      [149, 'idNumber'],
      [149, 'education'],
      [150, 'name'],
      [150, 'idNumber'],
      [150, 'education'],
      [151, 'name'],
      [151, 'idNumber'],
      [151, 'education'],
    ]);
    expect(await errorOf(staff.imports.problems(view.id, { limit: 5000 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'limit' });
    expect(await errorOf(staff.imports.get('not-a-number'))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('an import whose server stopped', () => {
  it('is reported as failed, with nothing written, once its heartbeat is a minute old', async () => {
    const [{ id }] = (await env.server.db.query(
      `INSERT INTO imports (kind, org_id, user_id, file_name, file_bytes, mode, status, phase, started_at, heartbeat_at)
       SELECT 'WORKERS', $1, u.id, 'lost.xlsx', 1000, 'ALL_OR_NOTHING', 'RUNNING', 'WRITING', now() - interval '5 minutes', now() - interval '61 seconds'
       FROM users u WHERE u.username = 'staff.c1' RETURNING id::text AS id`,
      [env.tree.orgs.E1.id],
    )) as [{ id: string }];
    const view = await staff.imports.get(id);
    expect(view).toMatchObject({ status: 'FAILED', phase: null, failure: { code: 'INTERRUPTED' } });
    await env.server.db.query(`UPDATE imports SET heartbeat_at = now() WHERE id = $1`, [id]);
    expect(await staff.imports.get(id)).toMatchObject({ status: 'RUNNING', phase: 'WRITING', failure: null });
  });
});

describe('a server that stops', () => {
  it('finishes the import it runs, its heartbeat beating, and fails the waiting ones at once, removing their files', async () => {
    const { caller } = await callerFromHeader(env.server.db, env.server.keys, `Bearer ${await env.server.token('staff.c1')}`);
    const E1 = env.tree.orgs.E1;
    const jobs = await Promise.all(
      [80, 81].map(async (serial) => {
        const [{ id }] = (await env.server.db.query(
          `INSERT INTO imports (kind, org_id, user_id, file_name, file_bytes, mode) SELECT 'WORKERS', $1, u.id, 'stop.csv', 100, 'ALL_OR_NOTHING'
           FROM users u WHERE u.username = 'staff.c1' RETURNING id::text AS id`,
          [E1.id],
        )) as [{ id: string }];
        const path = join(tmpdir(), `gonghui-test-${randomUUID()}`);
        await writeFile(
          path,
          csvOf([WORKER_HEADER, ['E1', '停机', makeIdNumber('1994-09-09', 'MALE', serial), '', '', '高中', '', '', '', '', '']]),
        );
        const target = { id: E1.id, code: E1.code, name: 'E1 工会', path: E1.path };
        return { id, kind: 'WORKERS' as const, mode: ImportMode.ALL_OR_NOTHING, caller: caller!, target, path };
      }),
    );
    const stateOf = async (id: string) =>
      (
        (await env.server.db.query('SELECT status, phase, failure_code AS "failureCode", heartbeat_at AS beat FROM imports WHERE id = $1', [
          id,
        ])) as [{ status: string; phase: string | null; failureCode: string | null; beat: Date }]
      )[0];

    // Another import of the tree holds the first one at its lock, for as long as the test likes.
    const other = env.server.db.createQueryRunner();
    await other.connect();
    const queue = new ImportQueue(env.server.db, testCipher, () => undefined, 1, 50);
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1, $2)', [IMPORT_LOCK, env.tree.orgs.M.id]);
      for (const job of jobs) queue.add(job);
      await until(async () => (await stateOf(jobs[0]!.id)).phase === 'CHECKING');

      queue.stop();
      const drained = queue.drained();
      await until(async () => (await stateOf(jobs[1]!.id)).status === 'FAILED');
      expect(await stateOf(jobs[1]!.id)).toMatchObject({ status: 'FAILED', failureCode: 'INTERRUPTED' });
      expect(existsSync(jobs[1]!.path)).toBe(false);
      const beat = (await stateOf(jobs[0]!.id)).beat;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await stateOf(jobs[0]!.id)).beat.getTime()).toBeGreaterThan(beat.getTime());

      await other.query('COMMIT');
      await drained;
      expect(await stateOf(jobs[0]!.id)).toMatchObject({ status: 'DONE' });
      expect(existsSync(jobs[0]!.path)).toBe(false);
    } finally {
      queue.stop();
      await other.release();
    }
  });
});

describe("the typed client's wait", () => {
  it('leaves no listener on its signal, and polls no more once the signal has aborted', async () => {
    let polls = 0;
    const client = createClient({
      url: 'http://gonghui.test/graphql',
      token: 'token',
      fetch: async () => new Response(JSON.stringify({ status: ++polls < 30 ? 'RUNNING' : 'DONE' })),
    });
    const controller = new AbortController();
    expect((await client.imports.wait('1', { intervalMs: 1, signal: controller.signal })).status).toBe('DONE');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    controller.abort();
    polls = 0;
    await expect(client.imports.wait('1', { intervalMs: 1, signal: controller.signal })).rejects.toThrow();
    expect(polls).toBe(0);
  });
});
