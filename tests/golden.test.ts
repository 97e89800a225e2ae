import { describe, expect, it } from 'vitest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse, print } from 'graphql';
import {
  AllocateFundsDocument,
  ApplyAssistanceDocument,
  ApproveAssistanceDocument,
  DisburseAssistanceDocument,
  FundRollupDocument,
  OrgChildrenDocument,
  OrgRollupDocument,
  RecordIncomeDocument,
  WorkerDocument,
  WorkersDocument,
  WorkersWithCasesDocument,
  type GonghuiClient,
} from '../client/sdk';
import { StatementCounter } from '../server/db/statement-counter';
import { loadTrustedDocuments } from '../server/http/trusted-documents';
import { usePermissionTree } from './support/env';
import { insertArchive, insertWorker } from './support/fixture';

// Golden operations: the central queries with their result and the number of SQL statements they
// took, kept in tests/golden/. An N+1 or a changed permission filter shows up as a diff there.
const counter = new StatementCounter(process.env.TEST_LOG_SQL === '1');
const env = usePermissionTree(counter);
const TRUSTED = loadTrustedDocuments();

async function measured<TData, TVars>(client: GonghuiClient, document: TypedDocumentNode<TData, TVars>, variables: TVars) {
  counter.count = 0;
  const data = await client.request(document, variables);
  if (process.env.TEST_LOG_SQL === '1') console.log(counter.statements.splice(0).join('\n'));
  return { data, statements: counter.count };
}

/**
 * Writes the operation, its answer and its statements to a snapshot. A rollup's sums wait for the
 * request's context; the children's may join the root's batch when the children arrive first,
 * so a rollup's snapshot gives the most statements it may take (`atMost`), checked here.
 */
async function golden<TData, TVars>(
  name: string,
  username: string,
  document: TypedDocumentNode<TData, TVars>,
  variables: TVars,
  atMost?: number,
) {
  const client = await env.server.as(username);
  const { data, statements } = await measured(client, document, variables);
  if (atMost !== undefined) expect(statements).toBeLessThanOrEqual(atMost);
  const count = atMost === undefined ? String(statements) : `at most ${atMost}`;
  // The client sends the document's id; the server runs the manifest's text of it (fields sorted).
  const executed = print(parse(TRUSTED.get((document as { __meta__?: { hash?: string } }).__meta__?.hash ?? '') ?? print(document)));
  const text = `# as ${username}, variables ${JSON.stringify(variables)}\n# SQL statements: ${count}\n${executed}\n${JSON.stringify(data, null, 2)}\n`;
  await expect(text).toMatchFileSnapshot(`golden/${name}.graphql.txt`);
  return statements;
}

describe('golden operations', () => {
  it('a rollup with every child: the caller, the org, the context, the children and at most two batches of sums', async () => {
    await golden('rollup-c1', 'admin.m', OrgRollupDocument, { code: 'C1' }, 6);
  });

  it('a page of workers with their orgs and hardship levels', async () => {
    // One of them records that staff.m saw these workers' personal data unmasked (server/audit/personal-reads.ts).
    expect(await golden('workers-m', 'staff.m', WorkersDocument, { orgId: String(env.tree.orgs.M.id), first: 5 })).toBeLessThanOrEqual(8);
  });

  it('a worker with the open archive and the history, masked for a viewer', async () => {
    await golden('worker-viewer', 'viewer.c1', WorkerDocument, { id: env.tree.workers.T1! });
  });

  it('children of the root', async () => {
    await golden('children-m', 'viewer.m', OrgChildrenDocument, { code: 'M', first: 10 });
  });

  it('the money of a municipality and each county: funds, pairings and re-employment of the root, then of all children, in one statement each', async () => {
    const { orgs, workers } = env.tree;
    const financeM = await env.server.as('finance.m');
    const financeC1 = await env.server.as('finance.c1');
    await financeM.request(RecordIncomeDocument, {
      input: { orgId: String(orgs.M.id), source: 'GOVERNMENT', amount: '1000.00', idempotencyKey: 'g1' },
    });
    await financeM.request(AllocateFundsDocument, {
      input: { fromOrgId: String(orgs.M.id), toOrgId: String(orgs.C1.id), amount: '400.00', idempotencyKey: 'g2' },
    });
    const made = await (
      await env.server.as('staff.t1')
    ).request(ApplyAssistanceDocument, {
      input: { workerId: workers.T1!, programme: 'LIVING', amount: '55.50', idempotencyKey: 'g3' },
    });
    await financeC1.request(ApproveAssistanceDocument, { caseId: made.applyAssistance.id, payingOrgId: String(orgs.C1.id) });
    await financeC1.request(DisburseAssistanceDocument, { caseId: made.applyAssistance.id, idempotencyKey: 'g4' });
    await golden('funds-m', 'viewer.m', FundRollupDocument, { code: 'M' }, 6);
  });

  it('takes as many statements for a page of 100 workers with their org, open archive and latest cases as for a page of 1', async () => {
    const { orgs } = env.tree;
    const { db } = env.server;
    for (let serial = 0; serial < 110; serial++) {
      const id = await insertWorker(db, orgs.E1b, { serial, birthDate: '1975-03-09', gender: serial % 2 ? 'MALE' : 'FEMALE' });
      if (serial % 3 === 0) await insertArchive(db, id, { householdSize: 3, incomeFen: 60_000 + serial });
    }
    await db.query(
      `INSERT INTO assistance_cases (worker_id, programme, status, amount_fen, applied_by)
       SELECT w.id, 'LIVING', 'APPLIED', 1000 * k, (SELECT id FROM users WHERE username = 'staff.m')
       FROM workers w CROSS JOIN generate_series(1, 4) AS k WHERE w.org_id = $1`,
      [orgs.E1b.id],
    );
    const client = await env.server.as('staff.m');
    const variables = { orgId: String(orgs.E1b.id), cases: 3 };
    const one = await measured(client, WorkersWithCasesDocument, { ...variables, first: 1 });
    const hundred = await measured(client, WorkersWithCasesDocument, { ...variables, first: 100 });
    expect(hundred.data.workers.edges).toHaveLength(100);
    expect(hundred.data.workers.edges.every((edge) => edge.node.assistanceCases.length === 3)).toBe(true);
    expect(hundred.data.workers.edges.filter((edge) => edge.node.hardshipArchive).length).toBeGreaterThanOrEqual(33);
    expect(hundred.statements).toBe(one.statements);
    expect(hundred.statements).toBeLessThanOrEqual(8);
  });

  it('takes as many statements for 10 workers as for 1, and for a rollup of 10 orgs as of 2', async () => {
    const client = await env.server.as('staff.m');
    const one = await measured(client, WorkersDocument, { orgId: String(env.tree.orgs.M.id), first: 1 });
    const ten = await measured(client, WorkersDocument, { orgId: String(env.tree.orgs.M.id), first: 10 });
    expect(ten.data.workers.edges).toHaveLength(10);
    expect(ten.statements).toBe(one.statements);
    const admin = await env.server.as('admin.m');
    const big = await measured(admin, OrgRollupDocument, { code: 'M' });
    const small = await measured(admin, OrgRollupDocument, { code: 'T1' });
    expect(big.data.org?.rollup.orgCount).toBe(10);
    // The children's sums may join the root's batch (see golden()): never more than one a level.
    expect(big.statements).toBeLessThanOrEqual(6);
    expect(small.statements).toBeLessThanOrEqual(6);
  });
});
