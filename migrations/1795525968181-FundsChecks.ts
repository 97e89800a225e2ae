import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FundsChecks1795525968181 implements MigrationInterface {
  name = 'FundsChecks1795525968181';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"assistance_cases\" ADD CONSTRAINT \"CHK_assistance_cases_warmth_parts\" CHECK (\"cash_fen\" >= 0 AND \"in_kind_fen\" >= 0)");
    await queryRunner.query("ALTER TABLE \"ledger_entries\" ADD CONSTRAINT \"CHK_ledger_entries_worker\" CHECK ((\"kind\" = 'PAYMENT') = (\"worker_id\" IS NOT NULL))");
    // Hand-added: TypeORM does not see a changed CHECK expression. A payment names no income source.
    await queryRunner.query('ALTER TABLE "ledger_entries" DROP CONSTRAINT "CHK_ledger_entries_shape"');
    await queryRunner.query(`ALTER TABLE "ledger_entries" ADD CONSTRAINT "CHK_ledger_entries_shape" CHECK (("kind" = 'INCOME' AND "from_org_id" IS NULL AND "to_org_id" IS NOT NULL AND "source" IS NOT NULL AND "case_id" IS NULL AND "reverses_entry_id" IS NULL) OR ("kind" = 'ALLOCATION' AND "from_org_id" IS NOT NULL AND "to_org_id" IS NOT NULL AND "source" IS NULL AND "case_id" IS NULL AND "reverses_entry_id" IS NULL) OR ("kind" = 'PAYMENT' AND "from_org_id" IS NOT NULL AND "to_org_id" IS NULL AND "source" IS NULL AND "case_id" IS NOT NULL AND "worker_id" IS NOT NULL AND "reverses_entry_id" IS NULL) OR ("kind" = 'INCOME_REVERSAL' AND "from_org_id" IS NOT NULL AND "to_org_id" IS NULL AND "source" IS NOT NULL AND "case_id" IS NULL AND "reverses_entry_id" IS NOT NULL) OR ("kind" = 'ALLOCATION_REVERSAL' AND "from_org_id" IS NOT NULL AND "to_org_id" IS NOT NULL AND "case_id" IS NULL AND "reverses_entry_id" IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "ledger_entries" DROP CONSTRAINT "CHK_ledger_entries_shape"');
    await queryRunner.query(`ALTER TABLE "ledger_entries" ADD CONSTRAINT "CHK_ledger_entries_shape" CHECK (("kind" = 'INCOME' AND "from_org_id" IS NULL AND "to_org_id" IS NOT NULL AND "source" IS NOT NULL AND "case_id" IS NULL AND "reverses_entry_id" IS NULL) OR ("kind" = 'ALLOCATION' AND "from_org_id" IS NOT NULL AND "to_org_id" IS NOT NULL AND "source" IS NULL AND "case_id" IS NULL AND "reverses_entry_id" IS NULL) OR ("kind" = 'PAYMENT' AND "from_org_id" IS NOT NULL AND "to_org_id" IS NULL AND "case_id" IS NOT NULL AND "worker_id" IS NOT NULL AND "reverses_entry_id" IS NULL) OR ("kind" = 'INCOME_REVERSAL' AND "from_org_id" IS NOT NULL AND "to_org_id" IS NULL AND "source" IS NOT NULL AND "case_id" IS NULL AND "reverses_entry_id" IS NOT NULL) OR ("kind" = 'ALLOCATION_REVERSAL' AND "from_org_id" IS NOT NULL AND "to_org_id" IS NOT NULL AND "case_id" IS NULL AND "reverses_entry_id" IS NOT NULL))`);
    await queryRunner.query("ALTER TABLE \"ledger_entries\" DROP CONSTRAINT \"CHK_ledger_entries_worker\"");
    await queryRunner.query("ALTER TABLE \"assistance_cases\" DROP CONSTRAINT \"CHK_assistance_cases_warmth_parts\"");
  }
}
