import type { MigrationInterface, QueryRunner } from 'typeorm';

// Uploaded rosters and archives (issue 8): each import and the problems it found. An import
// carries the root id of its org's tree like every other row of an org.
export class Imports1795610000000 implements MigrationInterface {
  name = 'Imports1795610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"import_mode\" AS ENUM('ALL_OR_NOTHING', 'VALID_ROWS', 'CHECK_ONLY')");
    await queryRunner.query("CREATE TYPE \"public\".\"import_status\" AS ENUM('QUEUED', 'RUNNING', 'DONE', 'REJECTED', 'CHECKED', 'FAILED')");
    await queryRunner.query("CREATE TABLE \"imports\" (\"root_id\" integer NOT NULL, \"id\" BIGSERIAL NOT NULL, \"kind\" character varying(16) NOT NULL, \"org_id\" integer NOT NULL, \"user_id\" integer NOT NULL, \"file_name\" character varying(255) NOT NULL, \"file_bytes\" bigint NOT NULL, \"mode\" \"public\".\"import_mode\" NOT NULL, \"status\" \"public\".\"import_status\" NOT NULL DEFAULT 'QUEUED', \"phase\" character varying(16), \"bytes_read\" bigint NOT NULL DEFAULT '0', \"rows_read\" integer NOT NULL DEFAULT '0', \"rows_to_write\" integer NOT NULL DEFAULT '0', \"rows_written\" integer NOT NULL DEFAULT '0', \"created\" integer, \"updated\" integer, \"unchanged\" integer, \"rejected\" integer, \"skipped\" integer, \"ignored_columns\" text array NOT NULL DEFAULT '{}', \"problem_count\" integer NOT NULL DEFAULT '0', \"failure_code\" character varying(32), \"failure_message\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"started_at\" TIMESTAMP WITH TIME ZONE, \"finished_at\" TIMESTAMP WITH TIME ZONE, \"heartbeat_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_ea10c62f5eb1d75e83d8b5225db\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_imports_org\" ON \"imports\"  (\"org_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"import_problems\" (\"import_id\" bigint NOT NULL, \"seq\" integer NOT NULL, \"row_number\" integer, \"column_key\" character varying(32), \"header\" character varying(32), \"value\" text, \"code\" character varying(32) NOT NULL, \"message\" text NOT NULL, CONSTRAINT \"PK_11fadf08efe4747a7c593659a8c\" PRIMARY KEY (\"import_id\", \"seq\"))");
    await queryRunner.query("ALTER TABLE \"imports\" ADD CONSTRAINT \"FK_ece7af0a9bdf5d7aabd4e82fceb\" FOREIGN KEY (\"org_id\") REFERENCES \"orgs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"imports\" ADD CONSTRAINT \"FK_03e69994a0b9e3084b4790f8d7b\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"import_problems\" ADD CONSTRAINT \"FK_f3952dea25afb6cdd737ac1a92f\" FOREIGN KEY (\"import_id\") REFERENCES \"imports\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query(
      'CREATE TRIGGER root_id_imports BEFORE INSERT OR UPDATE OF org_id, root_id ON imports FOR EACH ROW EXECUTE FUNCTION root_id_from_org()',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER root_id_imports ON imports');
    await queryRunner.query("ALTER TABLE \"import_problems\" DROP CONSTRAINT \"FK_f3952dea25afb6cdd737ac1a92f\"");
    await queryRunner.query("ALTER TABLE \"imports\" DROP CONSTRAINT \"FK_03e69994a0b9e3084b4790f8d7b\"");
    await queryRunner.query("ALTER TABLE \"imports\" DROP CONSTRAINT \"FK_ece7af0a9bdf5d7aabd4e82fceb\"");
    await queryRunner.query("DROP TABLE \"import_problems\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_imports_org\"");
    await queryRunner.query("DROP TABLE \"imports\"");
    await queryRunner.query("DROP TYPE \"public\".\"import_status\"");
    await queryRunner.query("DROP TYPE \"public\".\"import_mode\"");
  }
}
