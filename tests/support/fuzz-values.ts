import fc from 'fast-check';
import { creditCodeCheck } from '../../server/harmonious/credit-code';
import { formatFen } from '../../server/common/money';
import { checkCharacter } from '../../server/worker/id-number';
import { makeIdNumber } from './fixture';

// Values a client may send, for the fuzzer (tests/fuzz.test.ts): mostly well-formed ones, so that
// operations get past validation and write, and the malformed ones the issue lists, so that every
// check on the way in is tried with what it must refuse.

/** The tables real ids are taken from when an operation is sent (see Ref). */
export type PoolName =
  | 'orgs'
  | 'orgCodes'
  | 'edges'
  | 'workers'
  | 'archives'
  | 'cases'
  | 'entries'
  | 'pairings'
  | 'participations'
  | 'namings'
  | 'users'
  | 'assignments';

/**
 * A real id, chosen from the rows the database holds when the operation is sent rather than when
 * it is generated: what earlier operations created (cases, entries, pairings) is then used by
 * later ones, so applications get approved, paid and reversed. `end` picks one end of an edge
 * (0: the parent, 1: the child), so that an allocation can name an org and its direct child.
 */
export class Ref {
  constructor(
    readonly pool: PoolName,
    readonly pick: number,
    readonly end?: 0 | 1,
  ) {}
}

/** Mostly the newest rows (pools list them first), sometimes any. */
const pick = fc.oneof({ weight: 4, arbitrary: fc.nat({ max: 5 }) }, { weight: 1, arbitrary: fc.nat({ max: 1000 }) });

export const refTo = (pool: PoolName): fc.Arbitrary<Ref> => pick.map((n) => new Ref(pool, n));

/** An org and one of its direct children. */
export const edge = pick.map((n) => ({ parent: new Ref('edges', n, 0), child: new Ref('edges', n, 1) }));

// ---------------------------------------------------------------------------------------------
// Strings

const LONG = ['x'.repeat(10_000), '长'.repeat(10_000), '😀'.repeat(3_000)];

/** Text that has broken parsers, databases and log lines before. */
const ODD_STRINGS = [
  '',
  ' ',
  '\t\n',
  'a\u0000b',
  '\u0000',
  '\u202Eevil\u202C',
  '\u200F\u200E',
  '\uFEFF',
  '\uD800',
  '👨‍👩‍👧‍👦'.repeat(4),
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  "'; DROP TABLE orgs; --",
  '" OR 1=1 --',
  "1'); SELECT pg_sleep(1); --",
  '$1',
  '\\',
  '%s%n%x',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '__proto__',
  'constructor',
  '１２３４５',
  '٣',
  ...LONG,
];

export const oddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
);

const PLAIN_TEXT = ['张三', '李四', '春节慰问', '大米 10kg', '区总工会副主席', '再就业', '尿毒症', '电焊培训', '第一中学', 'note', 'ok'];

/**
 * The values of one kind of input: `clean`, what a careful client sends (it may still be refused,
 * for a rule or a permission), and `any`, with the malformed ones mixed in.
 */
export interface Values<T = unknown> {
  clean: fc.Arbitrary<T>;
  any: fc.Arbitrary<T>;
}

function values<T>(clean: fc.Arbitrary<T>, ...malformed: fc.Arbitrary<T>[]): Values<T> {
  return {
    clean,
    any: fc.oneof({ weight: 2 * malformed.length, arbitrary: clean }, ...malformed.map((arbitrary) => ({ weight: 1, arbitrary }))),
  };
}

/** A name, a note, a reason. */
export const text: Values<string> = values(
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...PLAIN_TEXT) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '') },
  ),
  oddString,
);

/** Few keys, so that repeats (the same call again, or another call with a used key) are common. */
export const idempotencyKey: Values<string> = values(
  fc.oneof({ weight: 2, arbitrary: fc.nat({ max: 40 }).map((n) => `k${n}`) }, { weight: 3, arbitrary: fc.noBias(fc.uuid()) }),
  fc.constantFrom('k'.repeat(100), 'k'.repeat(101), ' k1 ', '   '),
  oddString,
);

export const orgCode: Values<string | Ref> = values(
  fc.oneof(
    refTo('orgCodes'),
    fc.nat({ max: 999 }).map((n) => `F${n}-${n % 7}`),
  ),
  fc.constantFrom('m', 'M-', '-M', 'M--1', 'A'.repeat(32), 'A'.repeat(33), 'Ｍ', 'M 1', 'E1;'),
  oddString,
);

export const phone: Values<string> = values(
  fc.constantFrom('13812345678', '+86-138-1234-5678', '010-12345678', ''),
  fc.constantFrom('+12345678901234567890', '123', '１３８１２３４５６７８', '138 1234 5678', '++1234567'),
  oddString,
);

export const username: Values<string> = values(
  fc.oneof(
    fc.constantFrom('admin.m', 'finance.c1', 'staff.t1', 'viewer.e1'),
    fc.nat({ max: 99 }).map((n) => `fuzz.user-${n}`),
  ),
  fc.constantFrom('ab', 'Admin.M', 'a'.repeat(65), 'user name'),
  oddString,
);

export const password: Values<string> = values(fc.constantFrom('test-password-1', 'correct horse battery', 'short'), oddString);

/** What `after` takes: a cursor this API gave out, or something that only looks like one. */
export const cursor: Values<string> = values(
  fc.nat({ max: 200 }).map((n) => Buffer.from(`c:${n}`).toString('base64url')),
  fc
    .constantFrom('c:-1', 'c:abc', 'c:1e309', `c:${'9'.repeat(40)}`, 'c:', 'x:1', 'c:1\u0000', "c:1' OR 1=1")
    .map((raw) => Buffer.from(raw).toString('base64url')),
  oddString,
);

// ---------------------------------------------------------------------------------------------
// Resident ID numbers and credit codes

const birthDate = fc
  .record({ y: fc.integer({ min: 1950, max: 2006 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

const validIdNumber = fc
  .record({ birthDate, gender: fc.constantFrom('MALE' as const, 'FEMALE' as const), serial: fc.nat({ max: 499 }) })
  .map(({ birthDate: date, gender, serial }) => makeIdNumber(date, gender, serial));

/** A valid number whose check character is X, to send it lower-cased (which is accepted). */
function endingInX(): string {
  for (let serial = 0; serial < 500; serial++) {
    const number = makeIdNumber('1985-03-12', 'MALE', serial);
    if (number.endsWith('X')) return number;
  }
  throw new Error('no serial gives the check character X');
}

const fullWidth = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

const wrongCheck = (number: string) => {
  const first17 = number.slice(0, 17);
  const right = checkCharacter(first17);
  return first17 + (right === '0' ? '1' : '0');
};

export const idNumber: Values<string> = values(
  validIdNumber,
  fc.oneof(
    validIdNumber.map(wrongCheck),
    validIdNumber.map((n) => n.slice(0, 17)),
    validIdNumber.map((n) => `${n}0`),
    validIdNumber.map(fullWidth),
    validIdNumber.map((n) => ` ${n} `),
  ),
  fc.constantFrom(
    endingInX().toLowerCase(),
    // 30 February, a birth date in the future, a birth date before 1900, a letter, an old 15-digit number.
    `23010219800230001${checkCharacter('23010219800230001')}`,
    `23010221990101001${checkCharacter('23010221990101001')}`,
    `23010218000101001${checkCharacter('23010218000101001')}`,
    '23010219800517001A',
    '230102800517001',
    '0'.repeat(18),
  ),
  oddString,
);

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditChar = fc.constantFrom(...CREDIT_ALPHABET);

const validCreditCode = fc
  .tuple(
    fc.string({ unit: creditChar, minLength: 2, maxLength: 2 }),
    fc.stringMatching(/^\d{6}$/),
    fc.string({ unit: creditChar, minLength: 9, maxLength: 9 }),
  )
  .map(([head, region, body]) => {
    const first17 = `${head}${region}${body}`;
    return `${first17}${creditCodeCheck(first17)}`;
  });

export const creditCode: Values<string> = values(
  validCreditCode,
  fc.oneof(
    validCreditCode.map((code) => code.toLowerCase()),
    validCreditCode.map((code) => `${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}`),
    fc.constantFrom('91110000I00000000O', '9111000000000000', 'ZZZZZZZZZZZZZZZZZZ'),
  ),
  oddString,
);

// ---------------------------------------------------------------------------------------------
// Ids, money, dates, numbers

/** Ids no row has, or that are not ids at all. */
const badId: fc.Arbitrary<string | number> = fc.constantFrom(
  '-1',
  '0',
  '1e309',
  '1e3',
  '9'.repeat(40),
  '2147483648',
  '9223372036854775807',
  '9223372036854775808',
  '999999999999999999',
  'abc',
  '1;DROP TABLE orgs',
  "1' OR '1'='1",
  '１２',
  '٣',
  '',
  ' 1',
  '1 ',
  '01',
  '+1',
  '0x1F',
  '1.5',
  '\u0000',
  '😀',
  // GraphQL's ID takes integers too.
  1,
  -1,
  2 ** 53,
);

/** A real id from the pool, or one no row has. */
export function id(pool: PoolName): Values<Ref | string | number> {
  return values<Ref | string | number>(refTo(pool), badId);
}

export const yuan = (fen: number) => formatFen(fen);

export const money: Values<string | number> = values<string | number>(
  // Small enough that incomes get spent by allocations and payments.
  fc.oneof(
    { weight: 20, arbitrary: fc.integer({ min: 1, max: 300_000 }).map(yuan) },
    { weight: 1, arbitrary: fc.constantFrom('0.00', '0', '1', '1.5') },
  ),
  fc.constantFrom('10000000000.00', '10000000000.01', '999999999999999.99'),
  fc.constantFrom('-1.00', '-0.00', '1.001', '1e5', '99999999999999999999.99', 'NaN', 'Infinity', ' 1.00', '1,000.00', '１.00', '+1.00'),
  fc.constantFrom<string | number>('¥5', '1.', '.5', '0x10', '', 1, 1.5),
);

const validDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((day) => day.toISOString().slice(0, 10));

export const date: Values<string | number> = values<string | number>(
  fc.oneof(
    { weight: 10, arbitrary: validDate },
    { weight: 1, arbitrary: fc.constantFrom('2024-02-29', '1900-01-01', '0100-01-01', '9999-12-31') },
  ),
  fc.constantFrom('2025-02-30', '2025-02-29', '0000-01-01', '99999-01-01', '2025-1-1', '2025-13-01', '2025-00-10'),
  fc.constantFrom<string | number>('2025-06-15T00:00:00Z', '２０２５-01-01', 'today', '', 20250101),
);

/** Past 32 bits, not integers, or absurd: GraphQL's Int must refuse these. */
const hugeInt = fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 1e21, 1e308, 1.5, -0.5, 2 ** 31 - 1, -(2 ** 31));

/** An Int by what it means; the malformed ones are past 32 bits or not integers. */
export function int(field: string): Values<number> {
  const usual: Record<string, fc.Arbitrary<number>> = {
    year: fc.integer({ min: 1990, max: 2110 }),
    schoolYear: fc.integer({ min: 1990, max: 2110 }),
    first: fc.integer({ min: -2, max: 25 }),
    weight: fc.integer({ min: -5, max: 40 }),
    passMark: fc.integer({ min: -5, max: 105 }),
    householdSize: fc.integer({ min: -1, max: 12 }),
    employees: fc.integer({ min: 0, max: 5_000 }),
    participatingWorkers: fc.integer({ min: 0, max: 5_000 }),
  };
  return values(
    fc.oneof(
      { weight: 10, arbitrary: usual[field] ?? fc.integer({ min: -5, max: 100 }) },
      { weight: 1, arbitrary: fc.constantFrom(-1, 0, 99999, 10_000_001) },
    ),
    hugeInt,
  );
}

/** A value of the wrong JSON type altogether, for any input. */
export const wrongType: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  true,
  0,
  -7.25,
  'text',
  [],
  [1, 2],
  {},
  { a: 1 },
  // An own "__proto__" key, as JSON.parse makes it.
  JSON.parse('{"__proto__": {"polluted": true}}'),
);

/** Real ids by pool, newest first where that matters; an edge is [parent, child]. */
export type Pools = { [P in PoolName]: P extends 'edges' ? [string, string][] : string[] };

/** The value with every Ref replaced by a real id from the pools ("0", no row, when a pool is empty). */
export function fillIn(value: unknown, pools: Pools): unknown {
  if (value instanceof Ref) {
    if (value.pool === 'edges') {
      const edges = pools.edges;
      return edges.length ? edges[value.pick % edges.length]![value.end ?? 0] : '0';
    }
    const ids = pools[value.pool];
    return ids.length ? ids[value.pick % ids.length]! : '0';
  }
  if (Array.isArray(value)) return value.map((item) => fillIn(item, pools));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillIn(item, pools)]));
  }
  return value;
}
