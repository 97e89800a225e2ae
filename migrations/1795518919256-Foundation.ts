import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795518919256 implements MigrationInterface {
  name = 'Foundation1795518919256';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS ltree');
    await queryRunner.query("CREATE TYPE \"public\".\"org_level\" AS ENUM('MUNICIPAL', 'COUNTY', 'TOWNSHIP', 'ENTERPRISE')");
    await queryRunner.query("CREATE TABLE \"orgs\" (\"id\" SERIAL NOT NULL, \"parent_id\" integer, \"code\" character varying(32) NOT NULL, \"name\" character varying(100) NOT NULL, \"level\" \"public\".\"org_level\" NOT NULL, \"path\" ltree NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"CHK_orgs_root_is_municipal\" CHECK ((\"parent_id\" IS NULL) = (\"level\" = 'MUNICIPAL')), CONSTRAINT \"PK_9eed8bfad4c9e0dc8648e090efe\" PRIMARY KEY (\"id\"))");
    await queryRunner.query('CREATE INDEX "IDX_orgs_path_gist" ON "orgs" USING GIST ("path")');
    await queryRunner.query("CREATE INDEX \"IDX_orgs_parent_id\" ON \"orgs\"  (\"parent_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_orgs_code\" ON \"orgs\"  (\"code\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"gender\" AS ENUM('MALE', 'FEMALE')");
    await queryRunner.query("CREATE TYPE \"public\".\"education\" AS ENUM('JUNIOR_HIGH_OR_BELOW', 'HIGH_SCHOOL', 'COLLEGE_OR_ABOVE')");
    await queryRunner.query("CREATE TYPE \"public\".\"employment_status\" AS ENUM('EMPLOYED', 'LAID_OFF', 'UNEMPLOYED', 'RETIRED')");
    await queryRunner.query("CREATE TABLE \"workers\" (\"id\" BIGSERIAL NOT NULL, \"org_id\" integer NOT NULL, \"name\" character varying(50) NOT NULL, \"id_number\" character(18) NOT NULL, \"gender\" \"public\".\"gender\" NOT NULL, \"birth_date\" date NOT NULL, \"education\" \"public\".\"education\" NOT NULL, \"employment_status\" \"public\".\"employment_status\" NOT NULL, \"is_member\" boolean NOT NULL, \"is_migrant_worker\" boolean NOT NULL, \"is_model_worker\" boolean NOT NULL, \"phone\" character varying(20), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_e950c9aba3bd84a4f193058d838\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_workers_org_id\" ON \"workers\"  (\"org_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_workers_id_number\" ON \"workers\"  (\"id_number\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"hardship_cause\" AS ENUM('ENTERPRISE_SHUTDOWN', 'LAID_OFF', 'CHILDREN_SCHOOLING', 'SINGLE_PARENT', 'SERIOUS_ILLNESS', 'DISABILITY', 'DISASTER')");
    await queryRunner.query("CREATE TABLE \"hardship_archives\" (\"id\" BIGSERIAL NOT NULL, \"worker_id\" bigint NOT NULL, \"household_size\" integer NOT NULL, \"household_monthly_income_fen\" bigint NOT NULL, \"causes\" \"public\".\"hardship_cause\" array NOT NULL, \"illness\" text, \"income_sources\" text, \"skills\" text, \"job_wishes\" text, \"plan\" text, \"opened_on\" date NOT NULL, \"lifted_on\" date, \"lift_reason\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"CHK_hardship_archives_lifted\" CHECK (\"lifted_on\" IS NULL OR \"lifted_on\" >= \"opened_on\"), CONSTRAINT \"CHK_hardship_archives_income\" CHECK (\"household_monthly_income_fen\" >= 0), CONSTRAINT \"CHK_hardship_archives_household_size\" CHECK (\"household_size\" BETWEEN 1 AND 30), CONSTRAINT \"PK_c3f5995a5cc2673715b8d1db3da\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_hardship_archives_worker_id\" ON \"hardship_archives\"  (\"worker_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_hardship_archives_open_per_worker\" ON \"hardship_archives\"  (\"worker_id\") WHERE \"lifted_on\" IS NULL");
    await queryRunner.query("CREATE TABLE \"hardship_lines\" (\"id\" SERIAL NOT NULL, \"root_org_id\" integer NOT NULL, \"effective_from\" date NOT NULL, \"hardship_line_fen\" bigint NOT NULL, \"extreme_line_fen\" bigint NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"CHK_hardship_lines_order\" CHECK (\"extreme_line_fen\" > 0 AND \"extreme_line_fen\" <= \"hardship_line_fen\"), CONSTRAINT \"PK_766d4b3d358c68d76c50d6ff185\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_hardship_lines_root_from\" ON \"hardship_lines\"  (\"root_org_id\", \"effective_from\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"role\" AS ENUM('ADMIN', 'STAFF', 'FINANCE', 'VIEWER')");
    await queryRunner.query("CREATE TABLE \"role_assignments\" (\"id\" SERIAL NOT NULL, \"user_id\" integer NOT NULL, \"org_id\" integer NOT NULL, \"role\" \"public\".\"role\" NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_fc2df9835ac1d2a34839f113783\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_role_assignments_org_id\" ON \"role_assignments\"  (\"org_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_role_assignments_user_org_role\" ON \"role_assignments\"  (\"user_id\", \"org_id\", \"role\") ");
    await queryRunner.query("CREATE TABLE \"users\" (\"id\" SERIAL NOT NULL, \"username\" character varying(64) NOT NULL, \"display_name\" character varying(100) NOT NULL, \"password_hash\" character varying(255) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_a3ffb1c0c8416b9fc6f907b7433\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_users_username\" ON \"users\"  (\"username\") ");
    await queryRunner.query("ALTER TABLE \"orgs\" ADD CONSTRAINT \"FK_08684a946eeac747a78498a7168\" FOREIGN KEY (\"parent_id\") REFERENCES \"orgs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"workers\" ADD CONSTRAINT \"FK_c2c8ea1fb2cfc6bcacabdc2d68e\" FOREIGN KEY (\"org_id\") REFERENCES \"orgs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"hardship_archives\" ADD CONSTRAINT \"FK_77fb82a4ecb61ebf1c27f13d20b\" FOREIGN KEY (\"worker_id\") REFERENCES \"workers\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"hardship_lines\" ADD CONSTRAINT \"FK_162fba63c2e6fb3d4ddb2315605\" FOREIGN KEY (\"root_org_id\") REFERENCES \"orgs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"role_assignments\" ADD CONSTRAINT \"FK_d91c8ac0c10fd8c6acdcc5ee946\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"role_assignments\" ADD CONSTRAINT \"FK_7703dfb15215dbd6f2227685acd\" FOREIGN KEY (\"org_id\") REFERENCES \"orgs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"role_assignments\" DROP CONSTRAINT \"FK_7703dfb15215dbd6f2227685acd\"");
    await queryRunner.query("ALTER TABLE \"role_assignments\" DROP CONSTRAINT \"FK_d91c8ac0c10fd8c6acdcc5ee946\"");
    await queryRunner.query("ALTER TABLE \"hardship_lines\" DROP CONSTRAINT \"FK_162fba63c2e6fb3d4ddb2315605\"");
    await queryRunner.query("ALTER TABLE \"hardship_archives\" DROP CONSTRAINT \"FK_77fb82a4ecb61ebf1c27f13d20b\"");
    await queryRunner.query("ALTER TABLE \"workers\" DROP CONSTRAINT \"FK_c2c8ea1fb2cfc6bcacabdc2d68e\"");
    await queryRunner.query("ALTER TABLE \"orgs\" DROP CONSTRAINT \"FK_08684a946eeac747a78498a7168\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_users_username\"");
    await queryRunner.query("DROP TABLE \"users\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_role_assignments_user_org_role\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_role_assignments_org_id\"");
    await queryRunner.query("DROP TABLE \"role_assignments\"");
    await queryRunner.query("DROP TYPE \"public\".\"role\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_hardship_lines_root_from\"");
    await queryRunner.query("DROP TABLE \"hardship_lines\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_hardship_archives_open_per_worker\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_hardship_archives_worker_id\"");
    await queryRunner.query("DROP TABLE \"hardship_archives\"");
    await queryRunner.query("DROP TYPE \"public\".\"hardship_cause\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_workers_id_number\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_workers_org_id\"");
    await queryRunner.query("DROP TABLE \"workers\"");
    await queryRunner.query("DROP TYPE \"public\".\"employment_status\"");
    await queryRunner.query("DROP TYPE \"public\".\"education\"");
    await queryRunner.query("DROP TYPE \"public\".\"gender\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_orgs_code\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_orgs_parent_id\"");
    await queryRunner.query('DROP INDEX "public"."IDX_orgs_path_gist"');
    await queryRunner.query("DROP TABLE \"orgs\"");
    await queryRunner.query("DROP TYPE \"public\".\"org_level\"");
  }
}
