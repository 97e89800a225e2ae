import { beforeAll, describe, expect, it } from 'vitest';
import { RegisterWorkerDocument, WorkerDocument, WorkersDocument, type RegisterWorkerInput } from '../client/sdk';
import { checkCharacter } from '../server/worker/id-number';
import { insertUser } from './support/fixture';
import { errorOf } from './support/errors';
import { usePermissionTree } from './support/env';
import { storedIdNumber, testCipher } from './support/personal-data';

const env = usePermissionTree();

/** Every worker's ID number, by the name of its org in the fixture. */
const idNumbers: Record<string, string> = {};

const PHONE = '13812345678';
const MASKED_PHONE = '138****5678';
const INCOME_SOURCES = '低保 300 元, 打零工';

beforeAll(async () => {
  await env.server.db.query('UPDATE hardship_archives SET income_sources = $1', [INCOME_SOURCES]);
  for (const [name, id] of Object.entries(env.tree.workers)) {
    idNumbers[name] = await storedIdNumber(env.server.db, id);
  }
  // VIEWER over the whole municipality, STAFF over county C1 only.
  await insertUser(env.server.db, 'mixed', [
    ['VIEWER', env.tree.orgs.M],
    ['STAFF', env.tree.orgs.C1],
  ]);
});

const masked = (idNumber: string) => `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;

const workerCount = async () => ((await env.server.db.query('SELECT count(*)::int AS n FROM workers')) as [{ n: number }])[0].n;

const FULL_ROLES = ['admin', 'staff'];
const MASKED_ROLES = ['finance', 'viewer'];
const LEVELS = ['m', 'c1', 't1', 'e1'];

describe('personal data of a worker', () => {
  it.each(FULL_ROLES.flatMap((role) => LEVELS.map((level) => `${role}.${level}`)))(
    '%s sees the full ID, phone and archive',
    async (username) => {
      const client = await env.server.as(username);
      const { worker } = await client.request(WorkerDocument, { id: env.tree.workers.E1! });
      expect(worker).not.toBeNull();
      expect(worker!.idNumber).toBe(idNumbers.E1);
      expect(worker!.idNumber).toMatch(/^\d{17}[\dX]$/);
      expect(worker!.phone).toBe(PHONE);
      expect(worker!.hardshipArchive).toMatchObject({
        householdSize: 3,
        householdMonthlyIncome: '600.00',
        perCapitaMonthlyIncome: '200.00',
        illness: '尿毒症',
        incomeSources: INCOME_SOURCES,
        causes: ['SERIOUS_ILLNESS'],
        level: 'EXTREME',
      });
    },
  );

  it.each(MASKED_ROLES.flatMap((role) => LEVELS.map((level) => `${role}.${level}`)))(
    "%s sees the ID and phone masked and the archive's personal fields null",
    async (username) => {
      const client = await env.server.as(username);
      const { worker } = await client.request(WorkerDocument, { id: env.tree.workers.E1! });
      expect(worker).not.toBeNull();
      expect(worker!.idNumber).toBe(masked(idNumbers.E1!));
      expect(worker!.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      expect(worker!.phone).toBe(MASKED_PHONE);
      expect(worker!.hardshipArchive).toMatchObject({
        householdMonthlyIncome: null,
        perCapitaMonthlyIncome: null,
        illness: null,
        incomeSources: null,
      });
      // the birth date would unmask the ID number (characters 7 to 14)
      expect(worker!.birthDate).toBeNull();
      // what is not personal stays visible
      expect(worker).toMatchObject({
        name: '职工7',
        gender: 'MALE',
        education: 'HIGH_SCHOOL',
        hardshipLevel: 'EXTREME',
        org: { code: 'E1' },
      });
      expect(worker!.hardshipArchive).toMatchObject({
        householdSize: 3,
        causes: ['SERIOUS_ILLNESS'],
        level: 'EXTREME',
        openedOn: '2020-03-01',
        liftedOn: null,
      });
      expect(worker!.hardshipArchives).toHaveLength(1);
    },
  );

  it('masks nothing in the text of the masked ID beyond the middle eight characters', async () => {
    const client = await env.server.as('viewer.e1');
    const { worker } = await client.request(WorkerDocument, { id: env.tree.workers.E1! });
    const id = worker!.idNumber;
    expect(id).toHaveLength(18);
    expect(id.slice(0, 6)).toBe(idNumbers.E1!.slice(0, 6));
    expect(id.slice(6, 14)).toBe('********');
    expect(id.slice(14)).toBe(idNumbers.E1!.slice(14));
  });
});

describe('personal data in the workers list', () => {
  it('is shown in full to STAFF for every worker of the subtree', async () => {
    const client = await env.server.as('staff.c1');
    const { workers } = await client.request(WorkersDocument, { orgId: String(env.tree.orgs.C1.id), first: 100 });
    expect(workers.totalCount).toBe(6);
    const nodes = workers.edges.map((e) => e.node);
    expect(nodes.map((n) => n.org.code).sort()).toEqual(['C1', 'E1', 'E1B', 'E1C', 'T1', 'T1B']);
    for (const node of nodes) {
      const name = Object.entries(env.tree.workers).find(([, id]) => id === node.id)![0];
      expect(node.idNumber).toBe(idNumbers[name]);
      expect(node.phone).toBe(PHONE);
    }
  });

  it.each(['finance.c1', 'viewer.c1', 'finance.m', 'viewer.m'])('is masked for %s, with the other fields visible', async (username) => {
    const client = await env.server.as(username);
    const { workers } = await client.request(WorkersDocument, { orgId: String(env.tree.orgs.C1.id), first: 100 });
    expect(workers.totalCount).toBe(6);
    for (const node of workers.edges.map((e) => e.node)) {
      const name = Object.entries(env.tree.workers).find(([, id]) => id === node.id)![0];
      expect(node.idNumber).toBe(masked(idNumbers[name]!));
      expect(node.phone).toBe(MASKED_PHONE);
      expect(node.name).toMatch(/^职工\d+$/);
      expect(node.hardshipLevel).toBe('EXTREME');
      expect(node.birthDate).toBeNull();
    }
  });

  it('is decided per worker for a user with different roles at different orgs', async () => {
    const client = await env.server.as('mixed');
    const { workers } = await client.request(WorkersDocument, { orgId: String(env.tree.orgs.M.id), first: 100 });
    expect(workers.totalCount).toBe(10);
    const inC1 = new Set(['C1', 'T1', 'T1B', 'E1', 'E1B', 'E1C']);
    for (const node of workers.edges.map((e) => e.node)) {
      const name = Object.entries(env.tree.workers).find(([, id]) => id === node.id)![0];
      if (inC1.has(node.org.code)) {
        expect(node.idNumber, node.org.code).toBe(idNumbers[name]);
        expect(node.phone).toBe(PHONE);
      } else {
        expect(node.idNumber, node.org.code).toBe(masked(idNumbers[name]!));
        expect(node.phone).toBe(MASKED_PHONE);
      }
    }
    const e1 = (await client.request(WorkerDocument, { id: env.tree.workers.E1! })).worker!;
    expect(e1.hardshipArchive).toMatchObject({ householdMonthlyIncome: '600.00', illness: '尿毒症', incomeSources: INCOME_SOURCES });
    const e2 = (await client.request(WorkerDocument, { id: env.tree.workers.E2! })).worker!;
    expect(e2.hardshipArchive).toMatchObject({
      householdMonthlyIncome: null,
      perCapitaMonthlyIncome: null,
      illness: null,
      incomeSources: null,
      householdSize: 3,
    });
  });
});

describe('registerWorker checks the ID number', () => {
  function input(overrides: Partial<RegisterWorkerInput>): RegisterWorkerInput {
    return {
      orgId: String(env.tree.orgs.E1.id),
      name: '新职工',
      idNumber: '11010519491231002X',
      education: 'JUNIOR_HIGH_OR_BELOW',
      ...overrides,
    };
  }

  it('registers a worker with a lower-case x, normalised, birth date and sex read from the number', async () => {
    const admin = await env.server.as('admin.e1');
    const before = await workerCount();
    const { registerWorker } = await admin.request(RegisterWorkerDocument, {
      input: input({ idNumber: '11010519491231002x', phone: '13900001111' }),
    });
    expect(registerWorker).toMatchObject({
      idNumber: '11010519491231002X',
      gender: 'FEMALE',
      birthDate: '1949-12-31',
      phone: '13900001111',
      hardshipLevel: 'NONE',
    });
    expect(await workerCount()).toBe(before + 1);
    const [row] = (await env.server.db.query(
      'SELECT gender, to_char(birth_date, \'YYYY-MM-DD\') AS "birthDate" FROM workers WHERE id = $1',
      [registerWorker.id],
    )) as [{ gender: string; birthDate: string }];
    expect({ ...row, idNumber: await storedIdNumber(env.server.db, registerWorker.id) }).toEqual({
      idNumber: '11010519491231002X',
      gender: 'FEMALE',
      birthDate: '1949-12-31',
    });
  });

  it('accepts a gender and birth date that agree with the number', async () => {
    const staff = await env.server.as('staff.t1');
    const { registerWorker } = await staff.request(RegisterWorkerDocument, {
      input: input({ idNumber: '320311197006150029', gender: 'FEMALE', birthDate: '1970-06-15' }),
    });
    expect(registerWorker).toMatchObject({ idNumber: '320311197006150029', gender: 'FEMALE', birthDate: '1970-06-15', phone: null });
    // and a masked reader sees a null phone as null
    const viewer = await env.server.as('viewer.e1');
    const { worker } = await viewer.request(WorkerDocument, { id: registerWorker.id });
    expect(worker).toMatchObject({ idNumber: '320311********0029', phone: null, hardshipArchive: null });
  });

  it.each([
    ['a wrong check character', '320311197006150028'],
    ['17 characters', '32031119700615002'],
    ['a letter inside', '3203111970O6150029'],
    [
      'an impossible date',
      (() => {
        const f = '23010219800230001';
        return f + checkCharacter(f);
      })(),
    ],
    [
      'a date in the future',
      (() => {
        const f = '23010221000101001';
        return f + checkCharacter(f);
      })(),
    ],
  ])('rejects an ID number with %s as BAD_USER_INPUT on idNumber and writes nothing', async (_what, idNumber) => {
    const admin = await env.server.as('admin.e1');
    const before = await workerCount();
    const error = await errorOf(admin.request(RegisterWorkerDocument, { input: input({ idNumber }) }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber' });
    expect(await workerCount()).toBe(before);
  });

  it('rejects a gender that disagrees with the number, naming gender, and writes nothing', async () => {
    const admin = await env.server.as('admin.e1');
    const before = await workerCount();
    const error = await errorOf(
      admin.request(RegisterWorkerDocument, { input: input({ idNumber: '230102198005170015', gender: 'FEMALE' }) }),
    );
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.errors[0]?.extensions).toMatchObject({ field: 'gender' });
    expect(await workerCount()).toBe(before);
    const rows: unknown[] = await env.server.db.query('SELECT 1 FROM workers WHERE id_number_hash = $1', [
      testCipher.lookupHash('230102198005170015'),
    ]);
    expect(rows).toHaveLength(0);
  });

  it('rejects a birth date that disagrees with the number, naming birthDate, and writes nothing', async () => {
    const admin = await env.server.as('admin.e1');
    const before = await workerCount();
    const error = await errorOf(
      admin.request(RegisterWorkerDocument, { input: input({ idNumber: '230102198005170015', gender: 'MALE', birthDate: '1980-05-18' }) }),
    );
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.errors[0]?.extensions).toMatchObject({ field: 'birthDate' });
    expect(await workerCount()).toBe(before);
  });

  it('rejects a duplicate ID number with CONFLICT, whatever the case of its x, and writes nothing', async () => {
    const admin = await env.server.as('admin.m');
    const before = await workerCount();
    for (const idNumber of [idNumbers.E2!, '11010519491231002X', '11010519491231002x', ' 11010519491231002X ']) {
      const error = await errorOf(
        admin.request(RegisterWorkerDocument, { input: input({ idNumber, orgId: String(env.tree.orgs.C2.id) }) }),
      );
      expect(error.code, idNumber).toBe('CONFLICT');
      expect(error.errors[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idNumber' });
    }
    expect(await workerCount()).toBe(before);
  });

  it('refuses FINANCE and VIEWER, and writes nothing', async () => {
    const before = await workerCount();
    for (const username of ['finance.e1', 'viewer.e1', 'finance.m']) {
      const client = await env.server.as(username);
      const error = await errorOf(client.request(RegisterWorkerDocument, { input: input({ idNumber: '230102198005170015' }) }));
      expect(error.code, username).toBe('FORBIDDEN');
    }
    expect(await workerCount()).toBe(before);
  });
});
