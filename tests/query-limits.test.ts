import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getMetadataStorage as validationMetadata } from 'class-validator';
import {
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  Kind,
  parse,
  print,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage as typeMetadata } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { OrgRollupDocument } from '../client/sdk';
import { MAX_PAGE } from '../server/common/connection';
import { QUERY_LIMITS, queryArmor } from '../server/http/query-limits';
import { buildAppSchema } from '../server/schema';
import { usePermissionTree } from './support/env';
import { postRaw, type RawAnswer } from './support/server';

const env = usePermissionTree();
let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildAppSchema();
});

/** Sends a document as it is written, as the viewer. */
async function send(query: string): Promise<RawAnswer['body']> {
  return (await postRaw(env.server.url, query, { authorization: `Bearer ${await env.server.token('viewer.m')}` })).body;
}

/** `{ org(code: "M") { rollup { byChild { org { … } } } } }`: fields nested `depth` deep. */
function nested(depth: number): string {
  const chain = ['org(code: "M")', 'rollup', 'byChild', 'org'];
  const fields: string[] = [];
  for (let i = 0; i < depth - 1; i++) fields.push(i === 0 ? chain[0]! : chain[1 + ((i - 1) % 3)]!);
  // The last field is a scalar of the one before it.
  const last = fields.at(-1)!;
  const leaf = last.startsWith('org') ? 'code' : 'orgCount';
  return `{ ${fields.join(' { ')} { ${leaf} }${' }'.repeat(fields.length - 1)} }`;
}

/**
 * A document of `n` tokens exactly, as graphql-js counts them: each cause in the list one more.
 * (Many sibling fields would trip graphql-js's own budget for comparing them first.)
 */
function ofTokens(n: number): string {
  const query = (causes: number) =>
    `mutation { openHardshipArchive(input: { workerId: "1", householdSize: 1, householdMonthlyIncome: "1.00", causes: [${'LAID_OFF '.repeat(causes)}] }) { id } }`;
  const exact = query(n - (tokensOf(query(1)) - 1));
  expect(tokensOf(exact)).toBe(n);
  return exact;
}

/** The fewest tokens graphql-js lets a document have and still parses it. */
function tokensOf(query: string): number {
  const parses = (n: number) => {
    try {
      parse(query, { maxTokens: n });
      return true;
    } catch {
      return false;
    }
  };
  let [low, high] = [1, 100_000];
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (parses(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

describe('the query limits', () => {
  it('let every operation in client/ through, and the deepest one runs', async () => {
    const dir = path.join(__dirname, '..', 'client', 'operations');
    const documents = parse(
      readdirSync(dir)
        .map((file) => readFileSync(path.join(dir, file), 'utf8'))
        .join('\n'),
    );
    const fragments = documents.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
    const operations = documents.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations.length).toBeGreaterThan(40);
    for (const operation of operations) {
      const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
      expect(validate(schema, document, queryArmor().validationRules), operation.name?.value).toEqual([]);
      expect(tokensOf(print(document)), operation.name?.value).toBeLessThanOrEqual(QUERY_LIMITS.tokens);
    }
    const viewer = await env.server.as('viewer.m');
    expect((await viewer.request(OrgRollupDocument, { code: 'M' })).org?.rollup.byChild.length).toBeGreaterThan(0);
  });

  it.each([
    ['depth', QUERY_LIMITS.depth, nested, 'QUERY_TOO_DEEP'],
    [
      'aliases',
      QUERY_LIMITS.aliases,
      (n: number) => `{ me { ${Array.from({ length: n }, (_, i) => `a${i}: username`).join(' ')} } }`,
      'TOO_MANY_ALIASES',
    ],
    [
      'directives',
      QUERY_LIMITS.directives,
      (n: number) => `{ me { ${Array.from({ length: n }, () => 'username @include(if: true)').join(' ')} } }`,
      'TOO_MANY_DIRECTIVES',
    ],
    ['tokens', QUERY_LIMITS.tokens, ofTokens, 'TOO_MANY_TOKENS'],
  ] as const)('take a document at the %s limit (%i) and refuse one a step past it, saying which', async (_name, limit, make, reason) => {
    // At the limit the document runs (a viewer may not open an archive: that is the resolver's answer).
    const at = await send(make(limit));
    expect(at.errors?.filter((error) => String(error.extensions?.code).startsWith('GRAPHQL_')) ?? []).toEqual([]);
    const past = await send(make(limit + 1));
    expect(past.data ?? null).toBeNull();
    expect(past.errors?.[0]?.extensions).toMatchObject({ code: expect.stringMatching(/^GRAPHQL_(VALIDATION|PARSE)_FAILED$/), reason });
    expect(past.errors?.[0]?.message).toMatch(new RegExp(`limit of ${limit} exceeded`));
  });

  it('refuses a document that would cost more than the limit, saying so', async () => {
    // Each rollup of a child costs its figures: many aliased copies of a cheap one pass the
    // alias limit only a few at a time, so nest figures instead.
    const figures =
      'orgCount workers { total members migrantWorkers modelWorkers hardship { total menUnder50 men50AndOver womenUnder40 women40AndOver } }';
    let copies = 1;
    const query = (n: number) =>
      `{ org(code: "M") { rollup { ${Array.from({ length: n }, (_, i) => `c${i}: byChild { org { code } ${figures} byChild { ${figures} } }`).join(' ')} } } }`;
    while (validate(schema, parse(query(copies)), queryArmor().validationRules).length === 0) copies++;
    expect(copies).toBeLessThanOrEqual(QUERY_LIMITS.aliases);
    const past = await send(query(copies));
    expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COSTLY' });
    expect((await send(query(copies - 1))).errors).toBeUndefined();
  });

  it('never suggests field names', async () => {
    const answer = await send('{ me { usernam } }');
    expect(answer.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(answer.errors)).not.toMatch(/Did you mean|"username"/);
  });

  it('cap every list a client may send at 100 items', () => {
    const inputs = typeMetadata().inputTypes;
    const uncapped: string[] = [];
    let lists = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isInputObjectType(type)) {
        // An input object: each list field must carry class-validator's ArrayMaxSize of 100 or less.
        const target = inputs.find((input) => input.name === type.name)?.target;
        for (const field of Object.values(type.getFields())) {
          if (!isListType(getNullableType(field.type))) continue;
          lists++;
          const cap = validationMetadata()
            .getTargetValidationMetadatas(target!, '', false, false)
            .find((metadata) => metadata.propertyName === field.name && metadata.name === 'arrayMaxSize');
          if (!cap || Number(cap.constraints[0]) > MAX_PAGE) uncapped.push(`${type.name}.${field.name}`);
        }
      }
      if (isObjectType(type)) {
        // No field takes a list argument yet: one that does needs its own cap (and a line here).
        for (const field of Object.values(type.getFields()))
          for (const arg of field.args) if (isListType(getNullableType(arg.type))) uncapped.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    expect(lists).toBeGreaterThan(0);
    expect(uncapped).toEqual([]);
  });
});

describe('documents a server cannot run', () => {
  /** The HTTP status and first error of a raw body, as any client could send it. */
  async function answer(body: string): Promise<{ status: number; extensions?: Record<string, unknown>; message?: string }> {
    const response = await fetch(env.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await env.server.token('viewer.m')}` },
      body,
    });
    const json = (await response.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
    return { status: response.status, extensions: json.errors?.[0]?.extensions, message: json.errors?.[0]?.message };
  }

  it.each([
    ['a syntax error', JSON.stringify({ query: '{' }), 'GRAPHQL_PARSE_FAILED', undefined],
    [
      'values nested past any stack',
      JSON.stringify({ query: `{ workers(orgId: ${'['.repeat(5000)}"1"${']'.repeat(5000)}) { totalCount } }` }),
      'GRAPHQL_PARSE_FAILED',
      'TOO_MANY_TOKENS',
    ],
    ['a NUL character', JSON.stringify({ query: '{ org(code: "\u0000") { id } }' }), 'BAD_USER_INPUT', 'NUL_CHARACTER'],
    ['a subscription', JSON.stringify({ query: 'subscription { me { id } }' }), 'GRAPHQL_VALIDATION_FAILED', undefined],
  ])('answers %s as a client error (400), never as an internal one', async (_what, body, code, reason) => {
    const refused = await answer(body);
    expect(refused.status).toBe(400);
    expect(refused.extensions).toMatchObject({ code, ...(reason ? { reason } : {}) });
    expect(refused.message).not.toMatch(/RangeError|stack/i);
  });
});
