import { parseDate } from '../common/scalars';
import { Gender } from './worker-enums';

// GB 11643: 6-digit region, 8-digit birth date, 3-digit sequence (odd for men), ISO 7064 MOD 11-2 check.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const SHAPE = /^[1-9]\d{16}[\dX]$/;

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Why a number is refused, for messages in other words than `problem`'s. */
export type IdNumberFault = 'LENGTH' | 'SHAPE' | 'BIRTH_DATE' | 'BIRTH_DATE_RANGE' | 'CHECK_CHARACTER';

export type IdNumberResult =
  { ok: true; idNumber: string; birthDate: string; gender: Gender } | { ok: false; problem: string; fault: IdNumberFault };

/** Validates a resident ID number; lower-case x is accepted and normalised. */
export function parseIdNumber(raw: string, today = new Date()): IdNumberResult {
  const idNumber = raw.trim().toUpperCase();
  if (idNumber.length !== 18) return { ok: false, problem: `must be 18 characters, got ${idNumber.length}`, fault: 'LENGTH' };
  if (!SHAPE.test(idNumber)) return { ok: false, problem: 'must be 17 digits followed by a digit or X', fault: 'SHAPE' };
  const birthDate = parseDate(`${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`);
  if (birthDate === null) return { ok: false, problem: 'characters 7 to 14 are not a real birth date', fault: 'BIRTH_DATE' };
  if (birthDate < '1900-01-01' || birthDate > today.toISOString().slice(0, 10))
    return { ok: false, problem: 'encodes a birth date out of range', fault: 'BIRTH_DATE_RANGE' };
  if (checkCharacter(idNumber) !== idNumber[17])
    return { ok: false, problem: 'has a wrong check character (ISO 7064 MOD 11-2)', fault: 'CHECK_CHARACTER' };
  const gender = Number(idNumber[16]) % 2 === 1 ? Gender.MALE : Gender.FEMALE;
  return { ok: true, idNumber, birthDate, gender };
}

/** First 6 and last 4 characters visible: 230102********1234. */
export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
}

/** Mobile numbers (11+ characters) keep the first 3 and last 4 (138****5678); shorter ones the last 2 at most. */
export function maskPhone(phone: string): string {
  if (phone.length >= 11) return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
  if (phone.length >= 8) return `${'*'.repeat(phone.length - 2)}${phone.slice(-2)}`;
  return '*'.repeat(phone.length);
}
