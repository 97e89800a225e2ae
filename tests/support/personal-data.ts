import type { DataSource } from 'typeorm';
import { dataKey } from '../../server/config';
import { PersonalDataCipher } from '../../server/worker/personal-data';

/** Seals with the key the test servers use (DATA_ENCRYPTION_KEY in vitest.config.mts). */
export const testCipher = new PersonalDataCipher(dataKey());

/** The two stored columns of an ID number: its ciphertext and its keyed hash. */
export function sealedIdNumber(idNumber: string): [Buffer, Buffer] {
  return [testCipher.seal('id_number', idNumber), testCipher.lookupHash(idNumber)];
}

/** A worker's ID number as stored, opened. */
export async function storedIdNumber(db: DataSource, workerId: string): Promise<string> {
  const [row] = (await db.query('SELECT id_number_cipher AS sealed FROM workers WHERE id = $1', [workerId])) as [{ sealed: Buffer }];
  return testCipher.open('id_number', row.sealed);
}
