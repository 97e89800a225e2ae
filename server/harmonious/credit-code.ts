// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, Z, S, V);
// characters 3-8 are the administrative division code; the last is a check character.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, which must be from the alphabet. */
export function creditCodeCheck(first17: string): string {
  const sum = [...first17].reduce((total, char, i) => total + ALPHABET.indexOf(char) * WEIGHTS[i]!, 0);
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

export type CreditCodeResult = { ok: true; code: string } | { ok: false; problem: string };

export function parseCreditCode(raw: string): CreditCodeResult {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, problem: `must be 18 characters, got ${code.length}` };
  const bad = [...code].find((char) => !ALPHABET.includes(char));
  if (bad !== undefined) return { ok: false, problem: `cannot contain "${bad}" (the letters I, O, Z, S and V are never used)` };
  if (!/^\d{6}$/.test(code.slice(2, 8)))
    return { ok: false, problem: 'must have the six digits of an administrative division at characters 3 to 8' };
  const check = creditCodeCheck(code.slice(0, 17));
  if (code[17] !== check) return { ok: false, problem: `has a wrong check character: ${code[17]} where ${check} belongs` };
  return { ok: true, code };
}
