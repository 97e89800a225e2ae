import { describe, expect, it } from 'vitest';
import { AuditTrailDocument, RegisterWorkerDocument, WorkerDocument, WorkersDocument, type GonghuiClient } from '../client/sdk';
import { parseDataKey, PersonalDataCipher } from '../server/worker/personal-data';
import { makeIdNumber } from './support/fixture';
import { errorOf } from './support/errors';
import { usePermissionTree } from './support/env';
import { storedIdNumber, testCipher } from './support/personal-data';
import { checkDataKey } from '../server/worker/worker.service';
import { postRaw } from './support/server';

// ID and phone numbers at rest (AES-256-GCM, a keyed hash for lookup) and the audit of every
// unmasked read. Masking itself: tests/masking.test.ts.
const env = usePermissionTree();

describe('the personal-data cipher', () => {
  const cipher = new PersonalDataCipher(Buffer.alloc(32, 7));

  it('opens what it sealed, and seals the same number differently each time', () => {
    const first = cipher.seal('id_number', '11010519491231002X');
    const second = cipher.seal('id_number', '11010519491231002X');
    expect(first.equals(second)).toBe(false);
    expect(cipher.open('id_number', first)).toBe('11010519491231002X');
    expect(first.toString('latin1')).not.toContain('11010519491231002X');
  });

  it('refuses a ciphertext that was changed, sealed for another field, or sealed under another key', () => {
    const sealed = cipher.seal('phone', '13900001111');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => cipher.open('phone', tampered)).toThrow();
    expect(() => cipher.open('id_number', sealed)).toThrow();
    expect(() => new PersonalDataCipher(Buffer.alloc(32, 8)).open('phone', sealed)).toThrow();
  });

  it('hashes equal numbers equally, and differently under another key', () => {
    expect(cipher.lookupHash('230102198005170015')).toEqual(cipher.lookupHash('230102198005170015'));
    expect(cipher.lookupHash('230102198005170015')).not.toEqual(cipher.lookupHash('230102198005170023'));
    expect(new PersonalDataCipher(Buffer.alloc(32, 8)).lookupHash('230102198005170015')).not.toEqual(
      cipher.lookupHash('230102198005170015'),
    );
  });

  it('reads a key as 64 hex digits or base64 of 32 bytes, and nothing shorter', () => {
    expect(parseDataKey('ab'.repeat(32))).toEqual(Buffer.alloc(32, 0xab));
    expect(parseDataKey(Buffer.alloc(32, 3).toString('base64'))).toEqual(Buffer.alloc(32, 3));
    expect(() => parseDataKey('short')).toThrow(/32 bytes/);
  });
});

/** Every table of the database as text, as a dump would hold it. */
async function dump(): Promise<string> {
  const tables: { name: string }[] = await env.server.db.query(
    `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  let text = '';
  for (const { name } of tables) {
    const rows: { row: string }[] = await env.server.db.query(`SELECT t::text AS row FROM ${name} t`);
    text += rows.map((r) => r.row).join('\n');
  }
  return text;
}

/** The personal-data reads of the audit trail, as an ADMIN of M reads them. */
async function accessLog(): Promise<{ actor: string; subjectId: string; after: unknown; org: { code: string } }[]> {
  const admin = await env.server.as('admin.m');
  const { auditTrail } = await admin.request(AuditTrailDocument, { orgId: String(env.tree.orgs.M.id), first: 100 });
  return auditTrail.edges.map((edge) => edge.node).filter((node) => node.action === 'personal_data.read');
}

let serial = 300;

async function register(client: GonghuiClient, orgName: 'E1' | 'E2', idNumber: string, phone: string): Promise<string> {
  const { registerWorker } = await client.request(RegisterWorkerDocument, {
    input: { orgId: String(env.tree.orgs[orgName].id), name: '林秀英', idNumber, phone, education: 'HIGH_SCHOOL' },
  });
  return registerWorker.id;
}

describe('ID and phone numbers at rest', () => {
  it('leave no readable ID or phone number in a dump of the database', async () => {
    const idNumber = makeIdNumber('1979-11-23', 'FEMALE', serial++, '110105');
    const phone = '13987654321';
    await register(await env.server.as('staff.e1'), 'E1', idNumber, phone);
    const text = await dump();
    expect(text.length).toBeGreaterThan(10_000);
    // The fixture's numbers too: every worker's, opened, is nowhere in the dump.
    const stored: { sealed: Buffer }[] = await env.server.db.query('SELECT id_number_cipher AS sealed FROM workers');
    const numbers = [idNumber, ...stored.map((row) => testCipher.open('id_number', row.sealed))];
    expect(numbers.length).toBeGreaterThan(10);
    for (const number of numbers) expect(text).not.toContain(number);
    expect(text).not.toContain(phone);
    expect(text).not.toContain('13812345678');
  });

  it('finds a worker by exact ID number within the subtree only, and refuses a malformed number', async () => {
    const idNumber = makeIdNumber('1983-04-05', 'MALE', serial++, '110105');
    const id = await register(await env.server.as('admin.c1'), 'E1', idNumber, '13900002222');
    const staff = await env.server.as('staff.t1');
    const found = await staff.request(WorkersDocument, { orgId: String(env.tree.orgs.T1.id), idNumber, first: 10 });
    expect(found.workers.edges.map((edge) => edge.node.id)).toEqual([id]);
    expect(found.workers.totalCount).toBe(1);
    // The same number from a subtree without the worker: nothing, as if it did not exist.
    const elsewhere = await (
      await env.server.as('admin.m')
    ).request(WorkersDocument, { orgId: String(env.tree.orgs.C2.id), idNumber, first: 10 });
    expect(elsewhere.workers.totalCount).toBe(0);
    const error = await errorOf(staff.request(WorkersDocument, { orgId: String(env.tree.orgs.T1.id), idNumber: '12345', first: 10 }));
    expect(error.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber' });
    // A masked reader could unmask numbers by trying the birth dates between the shown digits.
    for (const username of ['viewer.t1', 'finance.c1']) {
      const refused = await errorOf(
        (await env.server.as(username)).request(WorkersDocument, { orgId: String(env.tree.orgs.T1.id), idNumber, first: 10 }),
      );
      expect(refused.code, username).toBe('FORBIDDEN');
    }
  });

  it('records a lookup by ID number that found someone, even when no personal field is read', async () => {
    const before = (await accessLog()).length;
    const idNumber = await storedIdNumber(env.server.db, env.tree.workers.E1b!);
    const { body } = await postRaw(
      env.server.url,
      `{ workers(orgId: "${env.tree.orgs.T1.id}", idNumber: "${idNumber}", first: 1) { totalCount edges { node { id name } } } }`,
      { authorization: `Bearer ${await env.server.token('staff.t1')}` },
    );
    expect(body.data).toMatchObject({ workers: { totalCount: 1 } });
    const log = await accessLog();
    expect(log.length).toBe(before + 1);
    expect(log[0]).toMatchObject({ actor: 'staff.t1', subjectId: env.tree.workers.E1b });
  });

  it('refuses to start with a key that does not open the stored numbers', async () => {
    await expect(checkDataKey(env.server.db.manager, testCipher)).resolves.toBeUndefined();
    await expect(checkDataKey(env.server.db.manager, new PersonalDataCipher(Buffer.alloc(32, 9)))).rejects.toThrow(
      /DATA_ENCRYPTION_KEY does not open the ID numbers/,
    );
  });

  it('keeps one worker per ID number, whatever the case of its x', async () => {
    let idNumber = '';
    while (!idNumber.endsWith('X')) idNumber = makeIdNumber('1950-01-01', 'MALE', serial++, '110105');
    await register(await env.server.as('admin.m'), 'E1', idNumber, '13900003333');
    const error = await errorOf(register(await env.server.as('admin.m'), 'E2', idNumber.toLowerCase(), '13900004444'));
    expect(error.errors[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ID_NUMBER_TAKEN', field: 'idNumber' });
  });
});

describe('the audit of unmasked reads', () => {
  it('records who read which worker unmasked, with the fields, readable by the ADMIN and not the VIEWER', async () => {
    const before = (await accessLog()).length;
    const staff = await env.server.as('staff.t1');
    const { worker } = await staff.request(WorkerDocument, { id: env.tree.workers.E1! });
    expect(worker?.idNumber).not.toContain('*');
    const log = await accessLog();
    expect(log.length).toBe(before + 1);
    expect(log[0]).toMatchObject({ actor: 'staff.t1', subjectId: env.tree.workers.E1, org: { code: 'E1' } });
    expect((log[0]!.after as { fields: string[] }).fields).toEqual(
      expect.arrayContaining(['idNumber', 'phone', 'birthDate', 'householdIncome', 'illness']),
    );
    // A VIEWER oversees the changes of the subtree, not who looked at whom.
    const viewer = await env.server.as('viewer.m');
    const { auditTrail } = await viewer.request(AuditTrailDocument, { orgId: String(env.tree.orgs.M.id), first: 100 });
    expect(auditTrail.edges.filter((edge) => edge.node.action === 'personal_data.read')).toEqual([]);
  });

  it('records nothing for a masked read', async () => {
    const before = (await accessLog()).length;
    for (const username of ['viewer.m', 'finance.t1']) {
      const { worker } = await (await env.server.as(username)).request(WorkerDocument, { id: env.tree.workers.E1! });
      expect(worker?.idNumber).toContain('*');
    }
    expect((await accessLog()).length).toBe(before);
  });

  it('records one entry per worker a list showed unmasked', async () => {
    const before = (await accessLog()).length;
    const admin = await env.server.as('admin.c1');
    const { workers } = await admin.request(WorkersDocument, { orgId: String(env.tree.orgs.C1.id), first: 100 });
    expect(workers.edges.length).toBeGreaterThan(3);
    const log = await accessLog();
    expect(log.length).toBe(before + workers.edges.length);
    expect(new Set(log.slice(0, workers.edges.length).map((entry) => entry.subjectId))).toEqual(
      new Set(workers.edges.map((edge) => edge.node.id)),
    );
  });

  it('withholds the answer when the read cannot be recorded', async () => {
    const db = env.server.db;
    await db.query(`CREATE FUNCTION refuse_read_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action = 'personal_data.read' THEN RAISE EXCEPTION 'audit unavailable'; END IF; RETURN NEW; END $$`);
    await db.query('CREATE TRIGGER refuse_read_audit BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION refuse_read_audit()');
    try {
      const staff = await env.server.as('staff.t1');
      const result = await staff.execute(WorkerDocument, { id: env.tree.workers.E1! });
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
      expect(JSON.stringify(result)).not.toMatch(/audit unavailable|\d{17}[\dX]/);
    } finally {
      await db.query('DROP TRIGGER refuse_read_audit ON audit_entries');
      await db.query('DROP FUNCTION refuse_read_audit()');
    }
  });
});
