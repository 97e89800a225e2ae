import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dataKey } from '../server/config';
import { PersonalDataCipher } from '../server/worker/personal-data';

// ID and phone numbers were kept as text. They become AES-256-GCM ciphertexts, with a keyed hash
// of the ID number for its uniqueness and for exact lookup (server/worker/personal-data.ts).
// Existing rows are encrypted here with the deployment's DATA_ENCRYPTION_KEY (in development the
// key under .data/), in batches; an empty database needs no key.

const BATCH = 20_000;
// (Ordered by w.id: a bare `id` in ORDER BY would be the text the query outputs, ordered as text.)

type Convert = (runner: QueryRunner, cipher: PersonalDataCipher, after: string) => Promise<string | null>;

/** Runs `convert` over all workers in id order, a batch at a time, if there are any. */
async function overWorkers(queryRunner: QueryRunner, convert: Convert): Promise<void> {
  const [{ any }] = (await queryRunner.query('SELECT EXISTS (SELECT 1 FROM workers) AS any')) as [{ any: boolean }];
  if (!any) return;
  const cipher = new PersonalDataCipher(dataKey());
  let after: string | null = '0';
  while (after !== null) after = await convert(queryRunner, cipher, after);
}

const encrypt: Convert = async (runner, cipher, after) => {
  const rows: { id: string; idNumber: string; phone: string | null }[] = await runner.query(
    `SELECT w.id::text AS id, w.id_number AS "idNumber", w.phone FROM workers w WHERE w.id > $1 ORDER BY w.id LIMIT ${BATCH}`,
    [after],
  );
  if (rows.length === 0) return null;
  await runner.query(
    `UPDATE workers w SET id_number_cipher = v.c, id_number_hash = v.h, phone_cipher = v.p
     FROM unnest($1::bigint[], $2::bytea[], $3::bytea[], $4::bytea[]) AS v(id, c, h, p) WHERE w.id = v.id`,
    [
      rows.map((r) => r.id),
      rows.map((r) => cipher.seal('id_number', r.idNumber.trim())),
      rows.map((r) => cipher.lookupHash(r.idNumber.trim())),
      rows.map((r) => (r.phone === null ? null : cipher.seal('phone', r.phone))),
    ],
  );
  return rows.at(-1)!.id;
};

const decrypt: Convert = async (runner, cipher, after) => {
  const rows: { id: string; idNumber: Buffer; phone: Buffer | null }[] = await runner.query(
    `SELECT w.id::text AS id, w.id_number_cipher AS "idNumber", w.phone_cipher AS phone FROM workers w WHERE w.id > $1 ORDER BY w.id LIMIT ${BATCH}`,
    [after],
  );
  if (rows.length === 0) return null;
  await runner.query(
    `UPDATE workers w SET id_number = v.n, phone = v.p FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(id, n, p) WHERE w.id = v.id`,
    [
      rows.map((r) => r.id),
      rows.map((r) => cipher.open('id_number', r.idNumber)),
      rows.map((r) => (r.phone === null ? null : cipher.open('phone', r.phone))),
    ],
  );
  return rows.at(-1)!.id;
};

export class EncryptPersonalData1795590000000 implements MigrationInterface {
  name = 'EncryptPersonalData1795590000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "workers" ADD "id_number_cipher" bytea, ADD "id_number_hash" bytea, ADD "phone_cipher" bytea');
    await overWorkers(queryRunner, encrypt);
    await queryRunner.query('ALTER TABLE "workers" ALTER "id_number_cipher" SET NOT NULL, ALTER "id_number_hash" SET NOT NULL');
    await queryRunner.query('DROP INDEX "public"."UQ_workers_id_number"');
    await queryRunner.query('ALTER TABLE "workers" DROP COLUMN "id_number", DROP COLUMN "phone"');
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_workers_id_number_hash" ON "workers" ("id_number_hash")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "workers" ADD "id_number" character(18), ADD "phone" character varying(20)');
    await overWorkers(queryRunner, decrypt);
    await queryRunner.query('ALTER TABLE "workers" ALTER "id_number" SET NOT NULL');
    await queryRunner.query('DROP INDEX "public"."UQ_workers_id_number_hash"');
    await queryRunner.query('ALTER TABLE "workers" DROP COLUMN "id_number_cipher", DROP COLUMN "id_number_hash", DROP COLUMN "phone_cipher"');
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_workers_id_number" ON "workers" ("id_number")');
  }
}
