import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCharacter, maskIdNumber, maskPhone, parseIdNumber } from '../server/worker/id-number';

// Worked by hand with the ISO 7064 MOD 11-2 weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 and the
// map sum % 11 → '10X98765432':
//   1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 → 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 % 11 = 2 → 'X'
//   2 3 0 1 0 2 1 9 8 0 0 5 1 7 0 0 1 → 14+27+0+5+0+8+2+9+48+0+0+45+10+35+0+0+2 = 205; 205 % 11 = 7 → '5'
//   3 2 0 3 1 1 1 9 7 0 0 6 1 5 0 0 2 → 21+18+0+15+8+4+2+9+42+0+0+54+10+25+0+0+4 = 212; 212 % 11 = 3 → '9'
//   4 4 0 5 2 4 1 8 8 0 0 1 0 1 0 0 1 → 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195; 195 % 11 = 8 → '4'
const FEMALE_1949_X = '11010519491231002X';
const MALE_1980 = '230102198005170015';
const FEMALE_1970 = '320311197006150029';
const MALE_1880 = '440524188001010014'; // a correct check character, but born before 1900

const TODAY = new Date('2024-06-15T08:00:00Z');

function problemOf(raw: string, today = TODAY): string {
  const result = parseIdNumber(raw, today);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.problem;
}

describe('checkCharacter', () => {
  it('matches the check characters worked by hand', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('23010219800517001')).toBe('5');
    expect(checkCharacter('32031119700615002')).toBe('9');
    expect(checkCharacter('44052418800101001')).toBe('4');
  });

  it('maps a sum of 0 mod 11 to 1 and of 1 mod 11 to 0', () => {
    // a single 1 in the 8th place (weight 1) gives sum 1; in the 1st place with 4 in the 8th, 7+4 = 11
    expect(checkCharacter('00000001000000000')).toBe('0');
    expect(checkCharacter('10000004000000000')).toBe('1');
    expect(checkCharacter('00000000000000000')).toBe('1');
  });
});

describe('parseIdNumber', () => {
  it('accepts a valid number ending in X, with birth date and sex', () => {
    expect(parseIdNumber(FEMALE_1949_X, TODAY)).toEqual({ ok: true, idNumber: FEMALE_1949_X, birthDate: '1949-12-31', gender: 'FEMALE' });
  });

  it('accepts valid numbers ending in a digit', () => {
    expect(parseIdNumber(MALE_1980, TODAY)).toEqual({ ok: true, idNumber: MALE_1980, birthDate: '1980-05-17', gender: 'MALE' });
    expect(parseIdNumber(FEMALE_1970, TODAY)).toEqual({ ok: true, idNumber: FEMALE_1970, birthDate: '1970-06-15', gender: 'FEMALE' });
  });

  it('accepts a lower-case x and normalises it to upper case', () => {
    const result = parseIdNumber('11010519491231002x', TODAY);
    expect(result).toMatchObject({ ok: true, idNumber: FEMALE_1949_X });
  });

  it('trims surrounding white space', () => {
    expect(parseIdNumber(`  ${MALE_1980}\n`, TODAY)).toMatchObject({ ok: true, idNumber: MALE_1980 });
  });

  it('reads the sex from the 17th digit: odd for men, even for women', () => {
    for (const [digit, gender] of [
      ['1', 'MALE'],
      ['3', 'MALE'],
      ['9', 'MALE'],
      ['0', 'FEMALE'],
      ['2', 'FEMALE'],
      ['8', 'FEMALE'],
    ] as const) {
      const first17 = `1101011990030780${digit}`;
      expect(parseIdNumber(first17 + checkCharacter(first17), TODAY)).toMatchObject({ ok: true, gender });
    }
  });

  it('rejects a wrong check character', () => {
    expect(problemOf('230102198005170016')).toMatch(/check character/);
    expect(problemOf('23010219800517001X')).toMatch(/check character/);
    expect(problemOf('110105194912310020')).toMatch(/check character/);
  });

  it('rejects a wrong length', () => {
    expect(problemOf('')).toMatch(/18 characters/);
    expect(problemOf('23010219800517001')).toMatch(/18 characters, got 17/);
    expect(problemOf('2301021980051700155')).toMatch(/18 characters, got 19/);
    // the old 15-digit first-generation numbers are not accepted either
    expect(problemOf('230102800517001')).toMatch(/18 characters, got 15/);
  });

  it('rejects letters and other characters', () => {
    expect(problemOf('23010219800517A015')).toMatch(/17 digits/);
    expect(problemOf('X30102198005170015')).toMatch(/17 digits/);
    expect(problemOf('2301021980051700Y5')).toMatch(/17 digits/);
    expect(problemOf('23010219800517001Y')).toMatch(/17 digits/);
    expect(problemOf('2301021980-5170015')).toMatch(/17 digits/);
    expect(problemOf('23010219800517 015')).toMatch(/17 digits/);
    // X only as the 18th character
    expect(problemOf('2301021980051700X5')).toMatch(/17 digits/);
  });

  it('rejects a region starting with 0', () => {
    const first17 = '01010219800517001';
    expect(problemOf(first17 + checkCharacter(first17))).toMatch(/17 digits/);
  });

  it('rejects impossible dates even with a correct check character', () => {
    for (const date of ['19800230', '19810229', '19801301', '19800001', '19800100', '19800431', '19000229']) {
      const first17 = `230102${date}001`;
      expect(problemOf(first17 + checkCharacter(first17)), date).toMatch(/not a real birth date/);
    }
  });

  it('accepts 29 February of a leap year', () => {
    const first17 = '23010220000229001';
    expect(parseIdNumber(first17 + checkCharacter(first17), TODAY)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
  });

  it('rejects a birth date in the future, and accepts today', () => {
    const tomorrow = '23010220240616002';
    expect(problemOf(tomorrow + checkCharacter(tomorrow))).toMatch(/out of range/);
    const today = '23010220240615002';
    expect(parseIdNumber(today + checkCharacter(today), TODAY)).toMatchObject({ ok: true, birthDate: '2024-06-15' });
    // by default against the real today
    const farFuture = '23010221000101002';
    expect(parseIdNumber(farFuture + checkCharacter(farFuture))).toMatchObject({ ok: false });
  });

  it('rejects a birth date before 1900', () => {
    expect(problemOf(MALE_1880)).toMatch(/out of range/);
    const first17 = '23010219000101001';
    expect(parseIdNumber(first17 + checkCharacter(first17), TODAY)).toMatchObject({ ok: true, birthDate: '1900-01-01' });
  });
});

describe('masking', () => {
  it('shows the first 6 and last 4 characters of an ID number', () => {
    expect(maskIdNumber(MALE_1980)).toBe('230102********0015');
    expect(maskIdNumber(FEMALE_1949_X)).toBe('110105********002X');
    expect(maskIdNumber(MALE_1980)).toHaveLength(18);
  });

  it('shows the first 3 and last 4 digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+8613812345678')).toBe('+86*******5678');
    expect(maskPhone('0451-8888888')).toBe('045*****8888');
  });

  it('masks a short phone number completely', () => {
    expect(maskPhone('1234567')).toBe('*******');
    expect(maskPhone('123456')).toBe('******');
  });
});

const DAY = 86_400_000;
const FROM = Date.UTC(1900, 0, 1);
const TO = Date.UTC(2008, 11, 31);

const idParts = fc.record({
  day: fc.integer({ min: 0, max: (TO - FROM) / DAY }),
  region: fc.integer({ min: 110000, max: 659999 }),
  sequence: fc.integer({ min: 0, max: 999 }),
});

function build({ day, region, sequence }: { day: number; region: number; sequence: number }) {
  const birthDate = new Date(FROM + day * DAY).toISOString().slice(0, 10);
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return { birthDate, idNumber: first17 + checkCharacter(first17) };
}

describe('parseIdNumber, as a property', () => {
  it('parses every number built with checkCharacter, with its birth date and the sex of the sequence', () => {
    fc.assert(
      fc.property(idParts, (parts) => {
        const { birthDate, idNumber } = build(parts);
        expect(parseIdNumber(idNumber)).toEqual({ ok: true, idNumber, birthDate, gender: parts.sequence % 2 === 1 ? 'MALE' : 'FEMALE' });
        expect(parseIdNumber(idNumber.toLowerCase())).toMatchObject({ ok: true, idNumber });
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects the number once any one character is changed to a different digit (or X)', () => {
    fc.assert(
      fc.property(idParts, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'0123456789X'), (parts, position, replacement) => {
        const { idNumber } = build(parts);
        fc.pre(idNumber[position] !== replacement);
        const changed = idNumber.slice(0, position) + replacement + idNumber.slice(position + 1);
        expect(parseIdNumber(changed).ok).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('rejects every single-digit change of one number, exhaustively', () => {
    const { idNumber } = build({ day: 20000, region: 230102, sequence: 17 });
    for (let position = 0; position < 18; position++) {
      for (const replacement of '0123456789') {
        if (idNumber[position] === replacement) continue;
        const changed = idNumber.slice(0, position) + replacement + idNumber.slice(position + 1);
        expect(parseIdNumber(changed).ok, changed).toBe(false);
      }
    }
  });
});
