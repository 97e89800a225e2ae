import type { MigrationInterface, QueryRunner } from 'typeorm';

// Disabled accounts, a session version that ends a user's tokens when the password changes or the
// account is disabled, and the counts of failed sign-ins per username and per address.
export class SignInSafety1795600000000 implements MigrationInterface {
  name = 'SignInSafety1795600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "users" ADD "disabled_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "users" ADD "session_version" integer NOT NULL DEFAULT 0');
    await queryRunner.query(
      'CREATE TABLE "sign_in_throttles" ("kind" character varying(8) NOT NULL, "key" character varying(255) NOT NULL, "failures" integer NOT NULL DEFAULT 0, "last_failure_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_sign_in_throttles" PRIMARY KEY ("kind", "key"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "sign_in_throttles"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "session_version"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "disabled_at"');
  }
}
