import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Harmonious1795526307201 implements MigrationInterface {
  name = 'Harmonious1795526307201';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"ownership\" AS ENUM('STATE_OWNED', 'COLLECTIVE', 'PRIVATE', 'FOREIGN_INVESTED', 'HK_MACAO_TAIWAN_INVESTED', 'OTHER')");
    await queryRunner.query("CREATE TABLE \"enterprise_profiles\" (\"org_id\" integer NOT NULL, \"credit_code\" character(18) NOT NULL, \"ownership\" \"public\".\"ownership\" NOT NULL, \"industry\" character varying(50) NOT NULL, \"employees\" integer NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"CHK_enterprise_profiles_employees\" CHECK (\"employees\" >= 0), CONSTRAINT \"PK_785ad89245b1ab5b7e7bb8234dc\" PRIMARY KEY (\"org_id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_enterprise_profiles_credit_code\" ON \"enterprise_profiles\"  (\"credit_code\") ");
    await queryRunner.query("CREATE TABLE \"harmonious_scoring\" (\"root_org_id\" integer NOT NULL, \"weights\" jsonb NOT NULL, \"pass_mark\" integer NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"CHK_harmonious_scoring_pass_mark\" CHECK (\"pass_mark\" BETWEEN 1 AND 100), CONSTRAINT \"PK_2878b65c1f8d85c397b26451012\" PRIMARY KEY (\"root_org_id\"))");
    await queryRunner.query("CREATE TABLE \"harmonious_participations\" (\"id\" BIGSERIAL NOT NULL, \"org_id\" integer NOT NULL, \"year\" integer NOT NULL, \"participating_workers\" integer NOT NULL, \"score\" integer, \"passed\" boolean, \"assessed_by\" integer, \"assessed_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"CHK_harmonious_participations_score\" CHECK ((\"score\" IS NULL) = (\"passed\" IS NULL) AND (\"score\" IS NULL OR \"score\" BETWEEN 0 AND 100)), CONSTRAINT \"CHK_harmonious_participations_workers\" CHECK (\"participating_workers\" >= 0), CONSTRAINT \"PK_4b3ea6c6eb5ce6be1f15e950bee\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_harmonious_participations_org_year\" ON \"harmonious_participations\"  (\"org_id\", \"year\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"harmonious_criterion\" AS ENUM('COLLECTIVE_CONTRACT', 'WAGE_BARGAINING', 'WORKERS_CONGRESS', 'FACTORY_AFFAIRS_OPENNESS', 'NO_WAGE_ARREARS', 'SAFE_PRODUCTION')");
    await queryRunner.query("CREATE TABLE \"harmonious_criteria\" (\"participation_id\" bigint NOT NULL, \"criterion\" \"public\".\"harmonious_criterion\" NOT NULL, \"met\" boolean NOT NULL, \"note\" text, CONSTRAINT \"PK_3a7f6ac311cda111016fcb15a83\" PRIMARY KEY (\"participation_id\", \"criterion\"))");
    await queryRunner.query("CREATE TYPE \"public\".\"naming_level\" AS ENUM('NATIONAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY')");
    await queryRunner.query("CREATE TABLE \"harmonious_namings\" (\"id\" BIGSERIAL NOT NULL, \"participation_id\" bigint NOT NULL, \"org_id\" integer NOT NULL, \"year\" integer NOT NULL, \"level\" \"public\".\"naming_level\" NOT NULL, \"named_by_org_id\" integer NOT NULL, \"named_by\" integer NOT NULL, \"named_on\" date NOT NULL, \"revoked_on\" date, \"revoke_reason\" text, \"revoked_by\" integer, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"CHK_harmonious_namings_revoked\" CHECK ((\"revoked_on\" IS NULL) = (\"revoke_reason\" IS NULL) AND (\"revoked_on\" IS NULL OR \"revoked_on\" >= \"named_on\")), CONSTRAINT \"PK_28e0bb3a6668ec4045ecf3277ef\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_harmonious_namings_current\" ON \"harmonious_namings\"  (\"org_id\", \"year\", \"level\") WHERE \"revoked_on\" IS NULL");
    await queryRunner.query("CREATE INDEX \"IDX_harmonious_namings_org\" ON \"harmonious_namings\"  (\"org_id\") ");
    await queryRunner.query("ALTER TABLE \"enterprise_profiles\" ADD CONSTRAINT \"FK_785ad89245b1ab5b7e7bb8234dc\" FOREIGN KEY (\"org_id\") REFERENCES \"orgs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"harmonious_scoring\" ADD CONSTRAINT \"FK_2878b65c1f8d85c397b26451012\" FOREIGN KEY (\"root_org_id\") REFERENCES \"orgs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"harmonious_participations\" ADD CONSTRAINT \"FK_02206806481e811f4e8d937401d\" FOREIGN KEY (\"org_id\") REFERENCES \"orgs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"harmonious_participations\" ADD CONSTRAINT \"FK_50a551e89124407c06c2bbd69b2\" FOREIGN KEY (\"assessed_by\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"harmonious_criteria\" ADD CONSTRAINT \"FK_485675242191de7d48d9c37d88a\" FOREIGN KEY (\"participation_id\") REFERENCES \"harmonious_participations\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"harmonious_namings\" ADD CONSTRAINT \"FK_2c103773c7b7ba1453085e6842b\" FOREIGN KEY (\"participation_id\") REFERENCES \"harmonious_participations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"harmonious_namings\" ADD CONSTRAINT \"FK_4f3827b3b87aa8796b5aba2bb6c\" FOREIGN KEY (\"org_id\") REFERENCES \"orgs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"harmonious_namings\" ADD CONSTRAINT \"FK_03c933deb6b38643e3715f05378\" FOREIGN KEY (\"named_by_org_id\") REFERENCES \"orgs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"harmonious_namings\" ADD CONSTRAINT \"FK_40fef0d1580cb711a61f2fd51d3\" FOREIGN KEY (\"named_by\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"harmonious_namings\" ADD CONSTRAINT \"FK_de1249b9f2a7156af94aa8a49bc\" FOREIGN KEY (\"revoked_by\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"harmonious_namings\" DROP CONSTRAINT \"FK_de1249b9f2a7156af94aa8a49bc\"");
    await queryRunner.query("ALTER TABLE \"harmonious_namings\" DROP CONSTRAINT \"FK_40fef0d1580cb711a61f2fd51d3\"");
    await queryRunner.query("ALTER TABLE \"harmonious_namings\" DROP CONSTRAINT \"FK_03c933deb6b38643e3715f05378\"");
    await queryRunner.query("ALTER TABLE \"harmonious_namings\" DROP CONSTRAINT \"FK_4f3827b3b87aa8796b5aba2bb6c\"");
    await queryRunner.query("ALTER TABLE \"harmonious_namings\" DROP CONSTRAINT \"FK_2c103773c7b7ba1453085e6842b\"");
    await queryRunner.query("ALTER TABLE \"harmonious_criteria\" DROP CONSTRAINT \"FK_485675242191de7d48d9c37d88a\"");
    await queryRunner.query("ALTER TABLE \"harmonious_participations\" DROP CONSTRAINT \"FK_50a551e89124407c06c2bbd69b2\"");
    await queryRunner.query("ALTER TABLE \"harmonious_participations\" DROP CONSTRAINT \"FK_02206806481e811f4e8d937401d\"");
    await queryRunner.query("ALTER TABLE \"harmonious_scoring\" DROP CONSTRAINT \"FK_2878b65c1f8d85c397b26451012\"");
    await queryRunner.query("ALTER TABLE \"enterprise_profiles\" DROP CONSTRAINT \"FK_785ad89245b1ab5b7e7bb8234dc\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_harmonious_namings_org\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_harmonious_namings_current\"");
    await queryRunner.query("DROP TABLE \"harmonious_namings\"");
    await queryRunner.query("DROP TYPE \"public\".\"naming_level\"");
    await queryRunner.query("DROP TABLE \"harmonious_criteria\"");
    await queryRunner.query("DROP TYPE \"public\".\"harmonious_criterion\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_harmonious_participations_org_year\"");
    await queryRunner.query("DROP TABLE \"harmonious_participations\"");
    await queryRunner.query("DROP TABLE \"harmonious_scoring\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_enterprise_profiles_credit_code\"");
    await queryRunner.query("DROP TABLE \"enterprise_profiles\"");
    await queryRunner.query("DROP TYPE \"public\".\"ownership\"");
  }
}
