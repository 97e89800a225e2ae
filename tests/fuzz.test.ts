import fc from 'fast-check';
import { Lexer, Source, TokenKind } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../server/auth/tokens';
import { buildAppSchema } from '../server/schema';
import { usePermissionTree } from './support/env';
import { malformedRequest, OperationGenerator, type GeneratedOperation, type RawRequest } from './support/fuzz-operations';
import { fillIn, type PoolName, type Pools } from './support/fuzz-values';

// The fuzzer (hardening, part 7): thousands of generated operations with variables, well-formed
// and malformed, sent over HTTP as users of every role and as nobody, and malformed documents and
// bodies besides. Every answer must be a client error or a result: no 5xx, no internal error, no
// stack, SQL or ORM text. Afterwards the server still answers and the ledger still adds up.
//
// The seed is fixed, so that CI runs the same operations every time. FUZZ_SEED and FUZZ_RUNS
// (generated operations in all, 3,000 by default) make other and longer local runs; FUZZ_DEBUG=1
// prints each operation's outcome:
//   FUZZ_SEED=$RANDOM FUZZ_RUNS=20000 npx vitest run tests/fuzz.test.ts

const env = usePermissionTree();
const SEED = Number(process.env.FUZZ_SEED ?? 20_250_611);
const RUNS = Number(process.env.FUZZ_RUNS ?? 3_000);
const BURST = 4;
const counts = { operations: 0, malformed: 0, codes: new Map<string, number>() };

// Drawn twice as often as all other root fields together (allocating, applying, approving and
// paying twice as often again: each needs the caller at the right org, or a case in the right
// state in the caller's scope), so that money comes in, moves down, pays cases and is reversed:
// what makes the ledger check mean something.
const MONEY_PATH = [
  'Mutation.recordIncome',
  'Mutation.allocateFunds',
  'Mutation.allocateFunds',
  'Mutation.reverseLedgerEntry',
  'Mutation.applyAssistance',
  'Mutation.applyAssistance',
  'Mutation.approveAssistance',
  'Mutation.approveAssistance',
  'Mutation.disburseAssistance',
  'Mutation.disburseAssistance',
];

// ---------------------------------------------------------------------------------------------
// Who sends: a user of every role at every level of the tree, nobody, or a broken token.

const USERS = ['admin', 'staff', 'finance', 'viewer'].flatMap((role) => ['m', 'c1', 't1', 'e1'].map((level) => `${role}.${level}`));
const BROKEN_AUTH = [
  'Bearer ',
  'Bearer abc.def.ghi',
  'Basic YWRtaW4ubTp4',
  `Bearer ${'a'.repeat(10_000)}`,
  'tampered',
  'expired',
  'no-such-user',
];

const sender = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...USERS) },
  // Those who move money and decide cases in most of the tree, more often.
  { weight: 6, arbitrary: fc.constantFrom('finance.m', 'admin.m', 'finance.c1', 'admin.c1', 'staff.m', 'staff.c1', 'finance.t1') },
  { weight: 2, arbitrary: fc.constant('anonymous') },
  { weight: 1, arbitrary: fc.constantFrom(...BROKEN_AUTH) },
);

/** For gen(): one stable builder, so that the same arbitrary is recognised from run to run. */
const senderOf = () => sender;

async function headersOf(who: string): Promise<Record<string, string>> {
  if (who === 'anonymous') return {};
  if (USERS.includes(who)) return { authorization: `Bearer ${await env.server.token(who)}` };
  const { keys } = env.server;
  if (who === 'tampered') return { authorization: `Bearer ${(await env.server.token('admin.m')).slice(0, -3)}abc` };
  if (who === 'expired') return { authorization: `Bearer ${await issueToken(keys, 1, 0, new Date(Date.now() - 30 * 86_400_000))}` };
  // A signed token of a user who is not (or no longer) there.
  if (who === 'no-such-user') return { authorization: `Bearer ${await issueToken(keys, 999_999, 0)}` };
  return { authorization: who };
}

let generator: OperationGenerator;
beforeAll(async () => {
  generator = new OperationGenerator(await buildAppSchema(), MONEY_PATH);
  // Signed in before the fuzzing: its failed sign-ins may have the address throttled later.
  for (const user of USERS) await env.server.token(user);
});

// ---------------------------------------------------------------------------------------------
// Real ids, read from the database every few operations so that later ones use what earlier
// ones created.

const POOL_SQL: Record<Exclude<PoolName, 'edges'>, string> = {
  // The tree's orgs first (where the users hold their roles), then any created since.
  orgs: 'SELECT id::text AS id FROM orgs ORDER BY id LIMIT 300',
  orgCodes: 'SELECT code AS id FROM orgs ORDER BY id LIMIT 300',
  workers: 'SELECT id::text AS id FROM workers ORDER BY id DESC LIMIT 300',
  archives: 'SELECT id::text AS id FROM hardship_archives ORDER BY id DESC LIMIT 300',
  cases: 'SELECT id::text AS id FROM assistance_cases ORDER BY id DESC LIMIT 300',
  entries: 'SELECT id::text AS id FROM ledger_entries ORDER BY id DESC LIMIT 300',
  pairings: 'SELECT id::text AS id FROM pairings ORDER BY id DESC LIMIT 300',
  participations: 'SELECT id::text AS id FROM harmonious_participations ORDER BY id DESC LIMIT 300',
  namings: 'SELECT id::text AS id FROM harmonious_namings ORDER BY id DESC LIMIT 300',
  // Only users the fuzzer created: disabling the tree's users or resetting their passwords would
  // sign the fuzzer itself out for the rest of the run (tests/permissions.test.ts covers those).
  users: `SELECT id::text AS id FROM users WHERE username NOT IN (${USERS.map((u) => `'${u}'`).join(', ')}) ORDER BY id DESC LIMIT 300`,
  assignments: 'SELECT id::text AS id FROM role_assignments ORDER BY id DESC LIMIT 300',
};

let pools: Pools | undefined;
let sentSinceRefresh = 0;

async function currentPools(): Promise<Pools> {
  if (pools && sentSinceRefresh < 10) return pools;
  const db = env.server.db;
  const lists = await Promise.all(
    Object.entries(POOL_SQL).map(async ([pool, sql]) => [pool, ((await db.query(sql)) as { id: string }[]).map((row) => row.id)]),
  );
  const edges = (await db.query(
    'SELECT parent_id::text AS parent, id::text AS child FROM orgs WHERE parent_id IS NOT NULL ORDER BY id LIMIT 300',
  )) as { parent: string; child: string }[];
  pools = { ...Object.fromEntries(lists), edges: edges.map((e): [string, string] => [e.parent, e.child]) } as Pools;
  sentSinceRefresh = 0;
  return pools;
}

// ---------------------------------------------------------------------------------------------
// Sending, and what every answer must be

interface Answer {
  status: number;
  text: string;
  body: { data?: unknown; errors?: { message?: unknown; extensions?: Record<string, unknown> }[] } | undefined;
}

async function send(request: RawRequest, headers: Record<string, string>): Promise<Answer> {
  const url = request.method === 'GET' ? `${env.server.url}${request.search ?? ''}` : env.server.url;
  const response = await fetch(url, {
    method: request.method,
    // A GET passes Apollo's CSRF prevention only with this header; then it is answered as a query.
    headers:
      request.method === 'GET'
        ? { 'apollo-require-preflight': 'true', ...headers }
        : { 'content-type': request.contentType ?? 'application/json', ...headers },
    body: request.body,
  });
  const text = await response.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    body = undefined;
  }
  sentSinceRefresh++;
  return { status: response.status, text, body };
}

/** What must never reach a client: stack frames, source paths, SQL and the ORM's or driver's words. */
const INTERNALS: [string, RegExp][] = [
  ['a stack frame', / {4}at /],
  ['a source file', /\.ts:/],
  ['node_modules', /node_modules/],
  ['SQL', /\b(SELECT|INSERT)\b/],
  ['an ORM error', /QueryFailedError|typeorm/i],
  ['a relation name', /relation "/],
  ['a column name', /column "/],
  ['a constraint', /violates/],
  ['a SQL syntax error', /syntax error at or near/],
  ['a duplicate key', /duplicate key/],
  ['a PostgreSQL name', /\bpg_/],
  ['a JavaScript error', /\b(TypeError|RangeError|ReferenceError|SyntaxError)\b/],
];

/** Every string the request carried: the answer may echo these back ("got \"…\""), SQL or not. */
function echoable(document: string | undefined, variables: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown) => {
    if (typeof value === 'string') found.add(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) {
        found.add(key);
        visit(item);
      }
  };
  visit(variables);
  if (document !== undefined) {
    found.add(document);
    const lexer = new Lexer(new Source(document));
    try {
      for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) if (token.value) found.add(token.value);
    } catch {
      // The rest of a malformed document is not read as tokens; its text is still in `found`.
    }
  }
  // Longest first, so that a value is removed whole before any part of it.
  return [...found].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
}

function withoutEchoes(text: string, echoes: string[]): string {
  let rest = text;
  for (const echo of echoes) {
    for (const form of [echo, JSON.stringify(echo).slice(1, -1)]) if (rest.includes(form)) rest = rest.split(form).join('‹input›');
  }
  return rest;
}

function leaksIn(text: string, echoes: () => string[]): string | null {
  if (!INTERNALS.some(([, pattern]) => pattern.test(text))) return null;
  const own = withoutEchoes(text, echoes());
  const leak = INTERNALS.find(([, pattern]) => pattern.test(own));
  return leak ? `${leak[0]} in ${JSON.stringify(own.slice(0, 500))}` : null;
}

function keysDeep(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysDeep);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => [key, ...keysDeep(item)]);
  return [];
}

/** The problems with an answer, none when it is a result or a client error as it should be. */
function problemsOf(answer: Answer, document: string | undefined, variables: unknown): string[] {
  const problems: string[] = [];
  let echoes: string[] | undefined;
  const lazyEchoes = () => (echoes ??= echoable(document, variables));
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  if (!answer.body || (!('data' in answer.body) && !Array.isArray(answer.body.errors))) {
    // Not a GraphQL answer (Fastify refused the body itself): its text must not leak either.
    const leak = leaksIn(answer.text, lazyEchoes);
    if (leak) problems.push(leak);
    return problems;
  }
  for (const error of answer.body.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string') problems.push(`an error without a code: ${JSON.stringify(error).slice(0, 300)}`);
    else {
      counts.codes.set(code, (counts.codes.get(code) ?? 0) + 1);
      if (code === 'INTERNAL_SERVER_ERROR') problems.push(`INTERNAL_SERVER_ERROR (request id ${String(error.extensions?.requestId)})`);
      else if (!/^[A-Z][A-Z_]*$/.test(code)) problems.push(`a code that is not a stable name: ${code}`);
    }
    const hidden = keysDeep(error.extensions).filter((key) => key === 'exception' || key === 'stacktrace');
    if (hidden.length) problems.push(`extensions.${hidden[0]}`);
    const leak = leaksIn(`${String(error.message)}\n${JSON.stringify(error.extensions ?? {})}`, lazyEchoes);
    if (leak) problems.push(leak);
  }
  return problems;
}

/** Long strings, shortened so that a failure stays readable: "x".repeat(10000). */
function readable(value: unknown): unknown {
  if (typeof value === 'string' && value.length > 200) {
    const chars = [...value];
    if (chars.every((c) => c === chars[0])) return `${JSON.stringify(chars[0])}.repeat(${chars.length})`;
    return `${value.slice(0, 80)}… (${value.length} characters)`;
  }
  if (Array.isArray(value))
    return value.length > 20 ? [...value.slice(0, 5).map(readable), `… ${value.length} items`] : value.map(readable);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, readable(v)]));
  return value;
}

function failure(problems: string[], who: string, sent: Record<string, unknown>, answer: Answer): Error {
  return new Error(
    [
      `The server answered badly: ${problems.join('; ')}`,
      `as: ${who}`,
      ...Object.entries(sent).map(([name, value]) => `${name}: ${JSON.stringify(readable(value), null, 1)}`),
      `HTTP ${answer.status}: ${answer.text.slice(0, 2_000)}`,
    ].join('\n'),
  );
}

/** Sends a generated operation with its ids filled in, and fails with the document and variables on a bad answer. */
async function sendGenerated(operation: GeneratedOperation, who: string): Promise<void> {
  const variables = fillIn(operation.variables, await currentPools()) as Record<string, unknown>;
  const request: RawRequest = { method: 'POST', body: JSON.stringify({ query: operation.document, variables }) };
  const answer = await send(request, await headersOf(who));
  counts.operations++;
  if (process.env.FUZZ_DEBUG) {
    const first = answer.body?.errors?.[0];
    const outcome = first
      ? `${String(first.extensions?.code)}/${String(first.extensions?.reason ?? '')}/${String(first.extensions?.field ?? '')}:${String(first.message).slice(0, 60)}`
      : 'ok';
    console.log(`FUZZ ${operation.root} ${who} ${outcome}`);
  }
  const problems = problemsOf(answer, operation.document, variables);
  if (problems.length) throw failure(problems, who, { document: operation.document, variables }, answer);
}

async function sendMalformed(request: RawRequest, who: string): Promise<void> {
  const answer = await send(request, await headersOf(who));
  counts.malformed++;
  let document: string | undefined;
  try {
    const parsed = JSON.parse(request.body ?? '{}') as { query?: unknown };
    if (typeof parsed?.query === 'string') document = parsed.query;
  } catch {
    // Not JSON: the body is the request's only text.
  }
  const problems = problemsOf(answer, document ?? request.body ?? request.search, undefined);
  if (problems.length) throw failure(problems, who, { request }, answer);
}

// ---------------------------------------------------------------------------------------------
// The ledger's invariants, checked in SQL against the records

/** Each query lists what breaks one invariant; all must come back empty. */
const LEDGER_INVARIANTS: Record<string, string> = {
  'a fund balance differs from its entries (in minus out)': `
    WITH moved AS (
      SELECT org_id, sum(fen) AS fen FROM (
        SELECT to_org_id AS org_id, amount_fen AS fen FROM ledger_entries WHERE to_org_id IS NOT NULL
        UNION ALL SELECT from_org_id, -amount_fen FROM ledger_entries WHERE from_org_id IS NOT NULL
      ) d GROUP BY org_id)
    SELECT coalesce(a.org_id, m.org_id) AS org, a.balance_fen::text AS balance, m.fen::text AS entries
    FROM fund_accounts a FULL JOIN moved m ON m.org_id = a.org_id
    WHERE coalesce(a.balance_fen, 0) <> coalesce(m.fen, 0)`,
  'a fund is overdrawn, now or after any entry (entries of one fund are written under its row lock, so in id order)': `
    SELECT org_id, id, running::text FROM (
      SELECT org_id, id, sum(fen) OVER (PARTITION BY org_id ORDER BY id) AS running FROM (
        SELECT to_org_id AS org_id, id, amount_fen AS fen FROM ledger_entries WHERE to_org_id IS NOT NULL
        UNION ALL SELECT from_org_id, id, -amount_fen FROM ledger_entries WHERE from_org_id IS NOT NULL
      ) d
    ) r WHERE running < 0
    UNION ALL SELECT org_id, NULL, balance_fen::text FROM fund_accounts WHERE balance_fen < 0`,
  'a reversal does not move back exactly what its entry moved': `
    SELECT r.id, r.kind, o.id AS reverses, o.kind AS reverses_kind FROM ledger_entries r
    LEFT JOIN ledger_entries o ON o.id = r.reverses_entry_id
    WHERE (r.reverses_entry_id IS NOT NULL OR r.kind IN ('INCOME_REVERSAL', 'ALLOCATION_REVERSAL')) AND (
      o.id IS NULL OR o.id >= r.id OR o.amount_fen <> r.amount_fen
      OR NOT ((r.kind = 'INCOME_REVERSAL' AND o.kind = 'INCOME' AND r.from_org_id = o.to_org_id AND r.source = o.source)
           OR (r.kind = 'ALLOCATION_REVERSAL' AND o.kind = 'ALLOCATION' AND r.from_org_id = o.to_org_id AND r.to_org_id = o.from_org_id)))`,
  'an entry is reversed more than once': `
    SELECT reverses_entry_id FROM ledger_entries WHERE reverses_entry_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1`,
  'a payment does not match its disbursed case': `
    SELECT e.id FROM ledger_entries e LEFT JOIN assistance_cases c ON c.id = e.case_id
    WHERE e.kind = 'PAYMENT' AND (c.id IS NULL OR c.status <> 'DISBURSED' OR c.amount_fen <> e.amount_fen
      OR c.paying_org_id <> e.from_org_id OR c.worker_id <> e.worker_id)`,
  'a disbursed case with an amount has no payment, or more than one': `
    SELECT c.id FROM assistance_cases c
    WHERE c.status = 'DISBURSED' AND c.amount_fen > 0
      AND (SELECT count(*) FROM ledger_entries e WHERE e.case_id = c.id AND e.kind = 'PAYMENT') <> 1`,
  'an idempotency key is held twice within its org': `
    SELECT org_id, key FROM idempotency_keys GROUP BY org_id, key HAVING count(*) > 1`,
  'an idempotency key has both a result and an error, or neither': `
    SELECT org_id, key, operation FROM idempotency_keys WHERE (result_id IS NULL) = (error IS NULL)`,
  "an idempotency key's result is not what its operation makes, for the org it acted for": `
    SELECT k.org_id, k.key, k.operation FROM idempotency_keys k
    LEFT JOIN ledger_entries e ON e.id = k.result_id AND k.operation IN ('recordIncome', 'allocateFunds', 'reverseLedgerEntry')
    LEFT JOIN assistance_cases c ON c.id = k.result_id AND k.operation IN ('applyAssistance', 'disburseAssistance')
    WHERE k.result_id IS NOT NULL AND NOT (
      (k.operation = 'recordIncome' AND e.kind = 'INCOME' AND e.to_org_id = k.org_id)
      OR (k.operation = 'allocateFunds' AND e.kind = 'ALLOCATION' AND e.from_org_id = k.org_id)
      OR (k.operation = 'reverseLedgerEntry' AND e.kind IN ('INCOME_REVERSAL', 'ALLOCATION_REVERSAL'))
      OR (k.operation = 'applyAssistance' AND c.id IS NOT NULL)
      OR (k.operation = 'disburseAssistance' AND c.status = 'DISBURSED'))`,
  'money moved without a key, or one movement answers two keys': `
    SELECT e.id FROM ledger_entries e
    WHERE e.kind <> 'PAYMENT' AND (SELECT count(*) FROM idempotency_keys k
      WHERE k.result_id = e.id AND k.operation IN ('recordIncome', 'allocateFunds', 'reverseLedgerEntry')) <> 1`,
  'a disbursed case was paid under more than one key': `
    SELECT c.id FROM assistance_cases c WHERE c.status = 'DISBURSED'
      AND (SELECT count(*) FROM idempotency_keys k WHERE k.operation = 'disburseAssistance' AND k.result_id = c.id) <> 1`,
};

async function brokenLedgerInvariants(): Promise<Record<string, unknown[]>> {
  const broken: Record<string, unknown[]> = {};
  for (const [invariant, sql] of Object.entries(LEDGER_INVARIANTS)) {
    const rows = (await env.server.db.query(sql)) as unknown[];
    if (rows.length) broken[invariant] = rows.slice(0, 10);
  }
  return broken;
}

// ---------------------------------------------------------------------------------------------

const SEQUENTIAL_RUNS = Math.round(RUNS * 0.6);
const BURST_RUNS = Math.round((RUNS - SEQUENTIAL_RUNS) / BURST);
const MALFORMED_RUNS = Math.max(1, Math.round(RUNS / 8));
const TIME_LIMIT = Math.max(120_000, RUNS * 100);

describe('the fuzzer', () => {
  it('knows real ids for every ID input of the schema', () => {
    expect(generator.idInputs().filter(({ pool }) => pool === null)).toEqual([]);
  });

  it(
    'gets a result or a client error for every generated operation, one at a time',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.gen(), sender, (g, who) => sendGenerated(generator.generate(g), who)),
        { seed: SEED, numRuns: SEQUENTIAL_RUNS },
      );
    },
    TIME_LIMIT,
  );

  it(
    `gets a result or a client error for generated operations sent ${BURST} at once`,
    async () => {
      // Concurrent writes to the same funds, cases and keys: locks, deadlocks and repeats.
      await fc.assert(
        fc.asyncProperty(fc.gen(), async (g) => {
          const burst = Array.from({ length: BURST }, () => ({ operation: generator.generate(g), who: g(senderOf) }));
          await currentPools();
          await Promise.all(burst.map(({ operation, who }) => sendGenerated(operation, who)));
        }),
        { seed: SEED + 1, numRuns: BURST_RUNS },
      );
    },
    TIME_LIMIT,
  );

  it(
    'refuses malformed documents and bodies as client errors',
    async () => {
      await fc.assert(
        fc.asyncProperty(malformedRequest, sender, (request, who) => sendMalformed(request, who)),
        { seed: SEED + 2, numRuns: MALFORMED_RUNS },
      );
    },
    TIME_LIMIT,
  );

  it('still answers afterwards, and the ledger still adds up', async () => {
    const me = await send({ method: 'POST', body: JSON.stringify({ query: '{ me { username } }' }) }, await headersOf('admin.m'));
    expect(me.body).toEqual({ data: { me: { username: 'admin.m' } } });
    const origin = new URL(env.server.url).origin;
    for (const path of ['/healthz', '/readyz']) expect((await fetch(`${origin}${path}`)).status, path).toBe(200);

    expect(await brokenLedgerInvariants()).toEqual({});
    const moved = (await env.server.db.query('SELECT kind, count(*)::int AS n FROM ledger_entries GROUP BY kind ORDER BY kind')) as {
      kind: string;
      n: number;
    }[];
    const codes = [...counts.codes].sort(([, a], [, b]) => b - a).map(([code, n]) => `${code} ${n}`);
    console.log(`fuzz: ${counts.operations} operations, ${counts.malformed} malformed documents, seed ${SEED}`);
    console.log(`fuzz: ledger entries ${moved.map(({ kind, n }) => `${kind} ${n}`).join(', ')}; errors ${codes.join(', ')}`);
    // The ledger check means something only if the fuzzer moved money.
    if (RUNS >= 1_000) {
      const kinds = moved.map(({ kind }) => kind);
      expect(kinds).toEqual(expect.arrayContaining(['INCOME', 'ALLOCATION', 'PAYMENT']));
      expect(kinds.some((kind) => kind.endsWith('_REVERSAL'))).toBe(true);
    }
  });
});
