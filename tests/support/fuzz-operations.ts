import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import {
  creditCode,
  cursor,
  date,
  edge,
  id,
  idempotencyKey,
  idNumber,
  int,
  money,
  orgCode,
  password,
  phone,
  Ref,
  refTo,
  text,
  username,
  wrongType,
  yuan,
  type PoolName,
  type Values,
} from './fuzz-values';

// Operations of the schema for the fuzzer: a root field, its arguments as variables (sometimes
// written inline), and a selection of the return type to a bounded depth. Built with fast-check's
// gen() so that a failure shrinks to fewer fields and simpler values.

export interface GeneratedOperation {
  /** `Mutation.allocateFunds`: the root field. */
  root: string;
  document: string;
  /** The variables, with Refs still to be filled in with real ids when sent. */
  variables: Record<string, unknown>;
}

/** Which table an ID argument names, by its name; `id` by the input or field it belongs to. */
const POOL_OF_FIELD: Record<string, PoolName> = {
  orgId: 'orgs',
  fromOrgId: 'orgs',
  toOrgId: 'orgs',
  parentId: 'orgs',
  newParentId: 'orgs',
  payingOrgId: 'orgs',
  cadreOrgId: 'orgs',
  workerId: 'workers',
  caseId: 'cases',
  entryId: 'entries',
  participationId: 'participations',
  userId: 'users',
};

const POOL_OF_ID: Record<string, PoolName> = {
  'Query.org': 'orgs',
  'Query.worker': 'workers',
  'Query.assistanceCase': 'cases',
  'Mutation.revokeRole': 'assignments',
  UpdateOrgInput: 'orgs',
  MoveOrgInput: 'orgs',
  UpdateWorkerInput: 'workers',
  LiftHardshipArchiveInput: 'archives',
  UpdateHardshipArchiveInput: 'archives',
  EndPairingInput: 'pairings',
  RevokeNamingInput: 'namings',
};

/** The pool of real ids for an ID input, or null when the fuzzer does not know one. */
export function poolOf(owner: string, field: string): PoolName | null {
  return (field === 'id' ? POOL_OF_ID[owner] : POOL_OF_FIELD[field]) ?? null;
}

/** Strings that mean something, by field name; any other String is text. */
const STRINGS: Record<string, Values> = {
  idempotencyKey,
  idNumber,
  code: orgCode,
  creditCode,
  phone,
  username,
  password,
  after: cursor,
};

/** Does a value hold a Ref (then it must travel as a variable, filled in when sent)? */
function holdsRef(value: unknown): boolean {
  if (value instanceof Ref) return true;
  if (Array.isArray(value)) return value.some(holdsRef);
  return value !== null && typeof value === 'object' && Object.values(value).some(holdsRef);
}

/** A value written in the document itself, as GraphQL literal syntax. */
function literal(value: unknown, type: GraphQLInputType | null): string {
  if (value === null || value === undefined) return 'null';
  const unwrapped = type && isNonNullType(type) ? type.ofType : type;
  if (Array.isArray(value)) {
    const item = unwrapped && isListType(unwrapped) ? unwrapped.ofType : unwrapped;
    return `[${value.map((v) => literal(v, item)).join(', ')}]`;
  }
  const named = type ? getNamedType(type) : null;
  if (typeof value === 'object') {
    const fields = named && isInputObjectType(named) ? named.getFields() : {};
    const entries = Object.entries(value).map(([key, v]) => `${key}: ${literal(v, fields[key]?.type ?? null)}`);
    return `{ ${entries.join(', ')} }`;
  }
  if (typeof value === 'string') return named && isEnumType(named) && /^[_A-Za-z]\w*$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  return String(value);
}

/** The variables of one operation being built. */
class Variables {
  readonly definitions: string[] = [];
  readonly values: Record<string, unknown> = {};

  add(type: GraphQLInputType | string, value: unknown): string {
    const name = `v${this.definitions.length}`;
    this.definitions.push(`$${name}: ${String(type)}`);
    if (value !== undefined) this.values[name] = value;
    return `$${name}`;
  }
}

const SERVICES = ['SKILLS', 'EMPLOYMENT', 'LEGAL'];

const rarely = (odds: number) => fc.oneof({ weight: odds - 1, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });

export class OperationGenerator {
  private readonly arbitraries = new Map<string, fc.Arbitrary<unknown>>();
  private readonly building = new Set<string>();
  // One stable builder, so that gen() recognises the same arbitrary from run to run and shrinks it.
  private readonly lookup = (key: string) => this.arbitraries.get(key)!;

  /** `favoured`: root fields (`Mutation.recordIncome`) drawn twice as often as all the others together; repeat one to favour it more. */
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly favoured: string[] = [],
  ) {}

  /** An operation on a root field of the schema, drawn with gen(). */
  generate(g: fc.GeneratorValue): GeneratedOperation {
    const draw = <T>(key: string, build: () => fc.Arbitrary<T>): T => {
      if (!this.arbitraries.has(key)) this.arbitraries.set(key, build());
      return g(this.lookup, key) as T;
    };
    const variables = new Variables();
    let aliases = 0;
    // Half the operations carry only clean values, so that they get past validation and write.
    const clean = draw('clean', () => fc.boolean());

    const argument = (type: GraphQLInputType, owner: string, name: string): string => {
      const value = draw(`value:${String(type)}:${owner}.${name}:${clean}`, () => this.valueOf(type, owner, name, clean));
      if (!holdsRef(value) && draw('inline', () => rarely(10))) return literal(value, type);
      return variables.add(type, value);
    };

    const field = (parent: GraphQLObjectType, definition: GraphQLField<unknown, unknown>, depth: number): string => {
      const args = definition.args.flatMap((arg) => {
        const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
        if (!required && !draw('optionalArgument', () => fc.boolean())) return [];
        return [`${arg.name}: ${argument(arg.type, `${parent.name}.${definition.name}`, arg.name)}`];
      });
      const alias = draw('alias', () => rarely(20)) ? `a${aliases++}: ` : '';
      // Now and then a directive; @include takes its condition as a variable.
      const directive = draw('directive', () => fc.constantFrom('', '', '', '', '', '', '', '', 'skip', 'include'));
      const directives =
        directive === 'skip'
          ? ' @skip(if: false)'
          : directive === 'include'
            ? ` @include(if: ${variables.add(
                'Boolean!',
                draw('flag', () => fc.boolean()),
              )})`
            : '';
      const returns = getNamedType(definition.type);
      const selection = isObjectType(returns) ? ` { ${select(returns, depth - 1)} }` : '';
      return `${alias}${definition.name}${args.length ? `(${args.join(', ')})` : ''}${directives}${selection}`;
    };

    const select = (type: GraphQLObjectType, depth: number): string => {
      const fields = Object.values(type.getFields());
      // At the last level only fields without a selection of their own.
      const choosable = depth <= 1 ? fields.filter((f) => isLeafType(getNamedType(f.type))) : fields;
      if (choosable.length === 0) return '__typename';
      const names = choosable.map((f) => f.name);
      const chosen = draw(`fields:${type.name}:${depth <= 1}`, () =>
        fc.subarray(names, { minLength: 1, maxLength: Math.min(4, names.length) }),
      );
      const parts = chosen.map((name) => field(type, type.getFields()[name]!, depth));
      if (draw('typename', () => rarely(20))) parts.push('__typename');
      return draw('inlineFragment', () => rarely(20)) ? `... on ${type.name} { ${parts.join(' ')} }` : parts.join(' ');
    };

    const kind = draw('kind', () => fc.constantFrom('query' as const, 'mutation' as const));
    const rootType = kind === 'query' ? this.schema.getQueryType()! : this.schema.getMutationType()!;
    const rootName = draw(`root:${kind}`, () => {
      const all = Object.keys(rootType.getFields());
      const favoured = this.favoured
        .filter((root) => root.startsWith(`${rootType.name}.`))
        .map((root) => root.slice(rootType.name.length + 1));
      return favoured.length
        ? fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...all) }, { weight: 2, arbitrary: fc.constantFrom(...favoured) })
        : fc.constantFrom(...all);
    });
    // Mostly within the depth limit (10), sometimes past it, to be refused.
    const depth = draw('depth', () =>
      fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 1, max: 5 }) }, { weight: 1, arbitrary: fc.integer({ min: 6, max: 12 }) }),
    );
    const body = field(rootType, rootType.getFields()[rootName]!, depth + 1);
    const definitions = variables.definitions.length ? `(${variables.definitions.join(', ')})` : '';
    return { root: `${rootType.name}.${rootName}`, document: `${kind} Fuzz${definitions} { ${body} }`, variables: variables.values };
  }

  /** Every ID input of the schema, as `Owner.field`, with the pool it is fuzzed from (null: none). */
  idInputs(): { input: string; pool: PoolName | null }[] {
    const found: { input: string; pool: PoolName | null }[] = [];
    const visit = (owner: string, name: string, type: GraphQLInputType) => {
      const named = getNamedType(type);
      if (named.name === 'ID') found.push({ input: `${owner}.${name}`, pool: poolOf(owner, name) });
    };
    for (const root of [this.schema.getQueryType()!, this.schema.getMutationType()!]) {
      for (const f of Object.values(root.getFields())) for (const arg of f.args) visit(`${root.name}.${f.name}`, arg.name, arg.type);
    }
    for (const type of Object.values(this.schema.getTypeMap())) {
      if (isInputObjectType(type) && !type.name.startsWith('__'))
        for (const f of Object.values(type.getFields())) visit(type.name, f.name, f.type);
    }
    return found;
  }

  /**
   * Values of an input type. Clean: what a careful client sends (it may still break a rule or a
   * permission). Otherwise malformed values are mixed in at every level: null where it may not
   * be, another JSON type altogether, lists past their cap, unknown and missing fields.
   */
  private valueOf(type: GraphQLInputType, owner: string, name: string, clean: boolean): fc.Arbitrary<unknown> {
    if (isNonNullType(type)) {
      const value = this.unwrapped(type.ofType, owner, name, clean);
      if (clean) return value;
      return fc.oneof({ weight: 20, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: wrongType });
    }
    const value = this.unwrapped(type, owner, name, clean);
    if (clean) return fc.oneof({ weight: 6, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
    return fc.oneof({ weight: 12, arbitrary: value }, { weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: wrongType });
  }

  private unwrapped(type: GraphQLInputType, owner: string, name: string, clean: boolean): fc.Arbitrary<unknown> {
    const pick = <T>(values: Values<T>) => (clean ? values.clean : values.any);
    if (isListType(type)) {
      const item = this.valueOf(type.ofType, owner, name, clean);
      const short = fc.array(item, { maxLength: 4 });
      if (clean) return short;
      // Past every list's cap; or a single value, which GraphQL takes for a list of one.
      return fc.oneof(
        { weight: 10, arbitrary: short },
        { weight: 1, arbitrary: fc.array(item, { minLength: 101, maxLength: 300 }) },
        { weight: 1, arbitrary: item },
      );
    }
    const named = getNamedType(type);
    if (isEnumType(named)) {
      const valid = fc.constantFrom(...named.getValues().map((v) => v.name));
      return clean
        ? valid
        : fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom('NOPE', 'admin', '', 'ADMIN ', 0) });
    }
    if (isInputObjectType(named)) return this.inputObject(named, clean);
    switch (named.name) {
      case 'ID': {
        const pool = poolOf(owner, name);
        if (pool === null) throw new Error(`The fuzzer knows no real ids for ${owner}.${name}: add it to POOL_OF_FIELD or POOL_OF_ID`);
        return pick(id(pool));
      }
      case 'String':
        return pick(STRINGS[name] ?? text);
      case 'Int':
        return pick(int(name));
      case 'Float':
        return fc.double();
      case 'Boolean':
        return clean
          ? fc.boolean()
          : fc.oneof({ weight: 10, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom('true', 0, 1) });
      case 'Money':
        return pick(money);
      case 'Date':
        return pick(date);
      default:
        throw new Error(`The fuzzer has no values for the input scalar ${named.name}: add them`);
    }
  }

  private inputObject(type: GraphQLInputObjectType, clean: boolean): fc.Arbitrary<unknown> {
    const key = `input:${type.name}:${clean}`;
    const known = this.arbitraries.get(key);
    if (known) return known;
    if (this.building.has(key)) throw new Error(`${type.name} contains itself: the fuzzer does not build recursive inputs`);
    this.building.add(key);
    const fields = Object.values(type.getFields());
    const record = fc.record(Object.fromEntries(fields.map((f) => [f.name, this.valueOf(f.type, type.name, f.name, clean)])), {
      requiredKeys: fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => f.name),
    }) as fc.Arbitrary<Record<string, unknown>>;
    const generic = clean
      ? record
      : fc.oneof(
          { weight: 10, arbitrary: record },
          { weight: 1, arbitrary: record.map((value) => ({ ...value, notAField: 'x' })) },
          {
            weight: 1,
            arbitrary: fc.tuple(record, fc.nat()).map(([value, n]) => {
              const keys = Object.keys(value);
              return Object.fromEntries(Object.entries(value).filter(([k]) => k !== keys[n % keys.length]));
            }),
          },
        );
    const wellFormed = this.wellFormed(type.name);
    const built = wellFormed ? fc.oneof({ weight: 1, arbitrary: generic }, { weight: clean ? 3 : 1, arbitrary: wellFormed }) : generic;
    this.arbitraries.set(key, built);
    this.building.delete(key);
    return built;
  }

  /**
   * Inputs that rarely come out right at random, written to come out right mostly, so that money
   * moves and cases go through: an allocation to a direct child, an application with the details
   * of its programme, a full scorecard, weights that add up to 100.
   */
  private wellFormed(input: string): fc.Arbitrary<unknown> | null {
    const enumValues = (name: string) => {
      const type = this.schema.getType(name);
      if (!isEnumType(type)) throw new Error(`${name} is not an enum of the schema`);
      return type.getValues().map((v) => v.name);
    };
    const fen = fc.integer({ min: 1, max: 200_000 });
    switch (input) {
      case 'AllocateFundsInput':
        return fc
          .record({ edge, fen, idempotencyKey: idempotencyKey.clean, note: fc.option(text.clean, { nil: undefined }) })
          .map(({ edge: { parent, child }, fen: amount, ...rest }) => ({
            fromOrgId: parent,
            toOrgId: child,
            amount: yuan(amount),
            ...rest,
          }));
      case 'ApplyAssistanceInput':
        return fc
          .record({
            workerId: refTo('workers'),
            programme: fc.constantFrom(...enumValues('AssistanceProgramme')),
            fen,
            free: fc.boolean(),
            cashShare: fc.integer({ min: 0, max: 100 }),
            idempotencyKey: idempotencyKey.clean,
            festival: fc.constantFrom(...enumValues('Festival')),
            year: fc.integer({ min: 2018, max: 2027 }),
            detail: text.clean,
            goods: fc.option(text.clean, { nil: undefined }),
          })
          .map(({ workerId, programme, fen: paid, free, cashShare, idempotencyKey: key, festival, year, detail, goods }) => {
            // Training, placement and legal aid may cost the fund nothing.
            const amount = free && SERVICES.includes(programme) ? 0 : paid;
            const cash = Math.floor((amount * cashShare) / 100);
            const details: Record<string, Record<string, unknown>> = {
              WARMTH: { warmth: { festival, year, cash: yuan(cash), inKindValue: yuan(amount - cash), goods } },
              EDUCATION: { education: { studentName: detail, school: `${detail}中学`, schoolYear: year } },
              MEDICAL: { medical: { illness: detail } },
              SKILLS: { training: { course: detail } },
              EMPLOYMENT: { training: { course: detail } },
            };
            return { workerId, programme, amount: yuan(amount), idempotencyKey: key, ...details[programme] };
          });
      case 'AssessParticipationInput':
        return fc
          .record({ participationId: refTo('participations'), met: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }) })
          .map(({ participationId, met }) => ({
            participationId,
            criteria: enumValues('HarmoniousCriterion').map((criterion, i) => ({ criterion, met: met[i % met.length] ?? true })),
          }));
      case 'SetHarmoniousScoringInput':
        return fc.record({ orgId: refTo('orgs'), passMark: fc.integer({ min: 0, max: 100 }) }).map((value) => {
          const criteria = enumValues('HarmoniousCriterion');
          const weights = criteria.map((criterion, i) => ({ criterion, weight: i === 0 ? 100 - 16 * (criteria.length - 1) : 16 }));
          return { ...value, weights };
        });
      default:
        return null;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Requests that are not a well-formed operation at all

export interface RawRequest {
  method: 'GET' | 'POST';
  /** The POST body as sent. */
  body?: string;
  contentType?: string;
  /** The query string of a GET. */
  search?: string;
}

const SOUP = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '$',
  '!',
  '@',
  '...',
  '=',
  '|',
  '&',
  ',',
  'query',
  'mutation',
  'subscription',
  'fragment',
  'on',
  'org',
  'me',
  'id',
  'code',
  'workers',
  'rollup',
  'orgId',
  '"M"',
  '"""block"""',
  '"\\u00"',
  '"unterminated',
  '1',
  '-1',
  '1e309',
  '0x1',
  '#c\n',
  'null',
  'true',
  'input',
  'type',
  '$v',
  'Int',
  'ID!',
  '__typename',
  '__schema',
  '\u0000',
  'é',
  '😀',
];

/** `{ org(code: "M") { rollup { byChild { rollup … } } } }`, n levels of byChild. */
const deepRollup = (n: number) => `{ org(code: "M") { rollup { ${'byChild { '.repeat(n)}orgCount${' }'.repeat(n)} } } }`;

export const malformedDocument: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.constantFrom(...SOUP), { maxLength: 80 }).map((tokens) => tokens.join(' ')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      '   ',
      '{ me { id ',
      '}}}}',
      'query {',
      '{ org(code: "M" { id } }',
      '{ org(code: "M) { id } }',
      'mutation { login(username: "a", password: ) { token } }',
      '{ me { id } } { me { id } }',
      'query A { me { id } } query A { me { id } }',
      'subscription { me { id } }',
      'query Q($v: ID!) { org(id: $v) { id } }',
      'query Q($v: Nope) { org(id: $v) { id } }',
      'query Q($v: ID!, $v: ID!) { org(id: $v) { id } }',
      '{ me { ...A } } fragment A on Viewer { ...B } fragment B on Viewer { ...A }',
      '{ me { ...Nope } }',
      '{ me { ... on Org { id } } }',
      '{ org(id: "1", id: "2") { id } }',
      '{ worker(id: 1e309) { id } }',
      '{ workers(orgId: "1", first: 99999999999) { totalCount } }',
      '{ org(code: """x""") { id } }',
      '{ org(code: "\\uD800") { id } }',
      '{ org(code: "M") { id @nope } }',
      '{ org(code: "M") { id @skip } }',
      '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } }',
      '{ __type(name: "Org") { name fields { name args { name defaultValue } } } }',
      'mutation { recordIncome(input: { orgId: "1", source: OTHER, amount: 1, idempotencyKey: "x" }) { id } }',
      'mutation { recordIncome(input: { orgId: "1", source: "OTHER", amount: "1.00", idempotencyKey: "x" }) { id } }',
      `{ org(code: "${'x'.repeat(500_000)}") { id } }`,
      `{ me { ${'id '.repeat(3_000)}} }`,
      `{ me ${'@skip(if: false) '.repeat(50)}{ id } }`,
      `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: me { id }`).join(' ')} }`,
      `{ workers(orgId: ${'['.repeat(5_000)}"1"${']'.repeat(5_000)}) { totalCount } }`,
    ),
  },
  { weight: 2, arbitrary: fc.integer({ min: 2, max: 14 }).map(deepRollup) },
  { weight: 1, arbitrary: fc.constantFrom(100, 1_000, 20_000).map((n) => `${'{'.repeat(n)}me${'}'.repeat(n)}`) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 10, max: 60 }).map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`),
  },
);

/** Bodies that are not a GraphQL request, or not JSON, or too large. */
const malformedBody = fc.constantFrom(
  '{',
  '',
  'null',
  '[]',
  '"query"',
  '[{"query":"{ me { id } }"}]',
  '{"query": 5}',
  '{"query": null}',
  '{"query": ["{ me { id } }"]}',
  '{}',
  '{"query":"{ me { id } }","variables":"x"}',
  '{"query":"{ me { id } }","variables":[1]}',
  '{"query":"query Q($a: ID!) { org(id: $a) { id } }","variables":{"a":{"b":1}}}',
  '{"query":"query Q($a: ID!) { org(id: $a) { id } }","variables":{}}',
  '{"query":"{ me { id } }","operationName":5}',
  '{"query":"{ me { id } }","operationName":"Nope"}',
  '{"query":"{ me { id } }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}',
  '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}',
  '{"query":"{ me { id } }","__proto__":{"polluted":true}}',
  '{"query":"{ me { id } }","variables":{"__proto__":{"polluted":true}}}',
  `{"query":"{ me { id } }","variables":{"x":"${'y'.repeat(1_100_000)}"}}`,
);

export const malformedRequest: fc.Arbitrary<RawRequest> = fc.oneof(
  { weight: 8, arbitrary: malformedDocument.map((query): RawRequest => ({ method: 'POST', body: JSON.stringify({ query }) })) },
  { weight: 2, arbitrary: malformedBody.map((body): RawRequest => ({ method: 'POST', body })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('text/plain', 'application/graphql', 'application/json; charset=utf-16', 'multipart/form-data', ''),
        malformedDocument,
      )
      .map(([contentType, query]): RawRequest => ({ method: 'POST', body: JSON.stringify({ query }), contentType })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('{ me { id } }', 'mutation { login(username: "admin.m", password: "x") { token } }', '{')
      .map((query): RawRequest => ({ method: 'GET', search: `?query=${encodeURIComponent(query)}` })),
  },
);
