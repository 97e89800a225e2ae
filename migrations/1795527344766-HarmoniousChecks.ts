import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HarmoniousChecks1795527344766 implements MigrationInterface {
  name = 'HarmoniousChecks1795527344766';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX \"IDX_harmonious_namings_participation\" ON \"harmonious_namings\"  (\"participation_id\") ");
    await queryRunner.query("ALTER TABLE \"harmonious_participations\" ADD CONSTRAINT \"CHK_harmonious_participations_assessed\" CHECK ((\"score\" IS NULL) = (\"assessed_by\" IS NULL) AND (\"score\" IS NULL) = (\"assessed_at\" IS NULL))");
    await queryRunner.query("ALTER TABLE \"harmonious_namings\" ADD CONSTRAINT \"CHK_harmonious_namings_revoker\" CHECK ((\"revoked_on\" IS NULL) = (\"revoked_by\" IS NULL))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"harmonious_namings\" DROP CONSTRAINT \"CHK_harmonious_namings_revoker\"");
    await queryRunner.query("ALTER TABLE \"harmonious_participations\" DROP CONSTRAINT \"CHK_harmonious_participations_assessed\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_harmonious_namings_participation\"");
  }
}
