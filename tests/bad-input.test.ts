import { describe, expect, it } from 'vitest';
import {
  AllocateFundsDocument,
  ApplyAssistanceDocument,
  AssistanceCaseDocument,
  CreateOrgDocument,
  DisburseAssistanceDocument,
  HarmoniousParticipationsDocument,
  HarmoniousRollupDocument,
  RecordIncomeDocument,
  LoginDocument,
  OrgChildrenDocument,
  OrgDocument,
  RegisterWorkerDocument,
  WorkerDocument,
  WorkersDocument,
} from '../client/sdk';
import { makeIdNumber } from './support/fixture';
import { usePermissionTree } from './support/env';

const env = usePermissionTree();

const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code;

describe('input a client may send', () => {
  it('refuses the NUL character anywhere with BAD_USER_INPUT, never an internal error', async () => {
    const admin = await env.server.as('admin.m');
    const results = [
      await env.server.client.execute(LoginDocument, { username: 'a\u0000', password: 'x' }),
      await admin.execute(OrgDocument, { code: '\u0000' }),
      await admin.execute(CreateOrgDocument, {
        input: { parentId: String(env.tree.orgs.M.id), code: 'NUL1', name: 'a\u0000', level: 'COUNTY' },
      }),
      await admin.execute(OrgChildrenDocument, { code: 'M', after: 'YzoA' }),
      await admin.execute(WorkersDocument, { orgId: String(env.tree.orgs.M.id), after: Buffer.from('c:abc').toString('base64url') }),
    ];
    expect(results.map(codeOf)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(await env.server.db.query(`SELECT 1 FROM orgs WHERE code = 'NUL1'`)).toHaveLength(0);
  });

  it('refuses a phone number longer than the 20 characters kept', async () => {
    const staff = await env.server.as('staff.m');
    const result = await staff.execute(RegisterWorkerDocument, {
      input: {
        orgId: String(env.tree.orgs.E1.id),
        name: '长电话',
        idNumber: makeIdNumber('1990-02-03', 'MALE', 7),
        education: 'HIGH_SCHOOL',
        phone: '+12345678901234567890',
      },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phone' });
  });

  it('hides the birth date from those who see the ID number masked, since it would unmask it', async () => {
    const viewer = await env.server.as('viewer.m');
    const staff = await env.server.as('staff.m');
    expect((await viewer.request(WorkerDocument, { id: env.tree.workers.E1! })).worker).toMatchObject({
      birthDate: null,
      idNumber: expect.stringMatching(/^\d{6}\*{8}\d{3}[\dX]$/),
    });
    expect((await staff.request(WorkerDocument, { id: env.tree.workers.E1! })).worker?.birthDate).toBe('1980-05-17');
  });

  it('answers ids of every odd shape as "not there"', async () => {
    const admin = await env.server.as('admin.m');
    for (const id of ['0', '-1', '1e3', '99999999999999999999', 'abc', ' 1']) {
      expect((await admin.request(OrgDocument, { id })).org).toBeNull();
      expect((await admin.request(WorkerDocument, { id })).worker).toBeNull();
    }
  });

  it('refuses money that is not a plain amount of yuan, or absurdly large, and moves nothing', async () => {
    const finance = await env.server.as('finance.m');
    const orgId = String(env.tree.orgs.M.id);
    for (const amount of ['1.005', '1e3', 'NaN', '¥5', '', '9999999999999999.00', '10000000000.01']) {
      const result = await finance.execute(RecordIncomeDocument, {
        input: { orgId, source: 'OTHER', amount, idempotencyKey: `bad-${amount}` },
      });
      expect(codeOf(result), amount).toBe('BAD_USER_INPUT');
    }
    const longKey = await finance.execute(RecordIncomeDocument, {
      input: { orgId, source: 'OTHER', amount: '1.00', idempotencyKey: 'k'.repeat(101) },
    });
    expect(longKey.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const blankKey = await finance.execute(AllocateFundsDocument, {
      input: { fromOrgId: orgId, toOrgId: String(env.tree.orgs.C1.id), amount: '1.00', idempotencyKey: '   ' },
    });
    expect(blankKey.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    expect(await env.server.db.query('SELECT 1 FROM ledger_entries')).toHaveLength(0);
  });

  it('answers odd case ids as "not there", and over-long details with the field at fault', async () => {
    const finance = await env.server.as('finance.m');
    const staff = await env.server.as('staff.m');
    for (const id of ['0', 'abc', '99999999999999999999']) {
      expect((await finance.request(AssistanceCaseDocument, { id })).assistanceCase).toBeNull();
      const pay = await finance.execute(DisburseAssistanceDocument, { caseId: id, idempotencyKey: 'x' });
      expect(pay.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'caseId' });
    }
    const long = await staff.execute(ApplyAssistanceDocument, {
      input: {
        workerId: env.tree.workers.E1!,
        programme: 'MEDICAL',
        amount: '1.00',
        idempotencyKey: 'm',
        medical: { illness: '病'.repeat(501) },
      },
    });
    expect(long.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(long.errors)).toContain('illness');
  });

  it('refuses a year that is not a calendar year, naming the field', async () => {
    const viewer = await env.server.as('viewer.m');
    for (const year of [99999, -1, 0]) {
      const rollup = await viewer.execute(HarmoniousRollupDocument, { code: 'M', year });
      expect(rollup.errors?.[0]?.extensions, String(year)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
      const list = await viewer.execute(HarmoniousParticipationsDocument, { orgId: String(env.tree.orgs.M.id), year });
      expect(list.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    }
  });
});
