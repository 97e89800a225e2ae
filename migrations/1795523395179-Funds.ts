import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Funds1795523395179 implements MigrationInterface {
  name = 'Funds1795523395179';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"assistance_programme\" AS ENUM('WARMTH', 'LIVING', 'EDUCATION', 'MEDICAL', 'SKILLS', 'EMPLOYMENT', 'LEGAL')");
    await queryRunner.query("CREATE TYPE \"public\".\"assistance_status\" AS ENUM('APPLIED', 'APPROVED', 'REJECTED', 'DISBURSED')");
    await queryRunner.query("CREATE TYPE \"public\".\"festival\" AS ENUM('SPRING_FESTIVAL', 'NEW_YEAR', 'MAY_DAY', 'NATIONAL_DAY', 'MID_AUTUMN')");
    await queryRunner.query("CREATE TABLE \"assistance_cases\" (\"id\" BIGSERIAL NOT NULL, \"worker_id\" bigint NOT NULL, \"programme\" \"public\".\"assistance_programme\" NOT NULL, \"status\" \"public\".\"assistance_status\" NOT NULL DEFAULT 'APPLIED', \"amount_fen\" bigint NOT NULL, \"festival\" \"public\".\"festival\", \"year\" integer, \"cash_fen\" bigint, \"in_kind_fen\" bigint, \"goods\" text, \"student_name\" character varying(50), \"school\" character varying(100), \"illness\" text, \"course\" character varying(200), \"reemployed\" boolean, \"outcome_on\" date, \"applied_by\" integer NOT NULL, \"applied_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"paying_org_id\" integer, \"approved_by\" integer, \"approved_at\" TIMESTAMP WITH TIME ZONE, \"rejected_by\" integer, \"rejected_at\" TIMESTAMP WITH TIME ZONE, \"reject_reason\" text, \"disbursed_by\" integer, \"disbursed_at\" TIMESTAMP WITH TIME ZONE, \"disbursed_on\" date, CONSTRAINT \"CHK_assistance_cases_steps\" CHECK ((\"status\" IN ('APPROVED', 'DISBURSED')) = (\"approved_by\" IS NOT NULL AND \"approved_at\" IS NOT NULL AND \"paying_org_id\" IS NOT NULL) AND (\"status\" = 'REJECTED') = (\"rejected_by\" IS NOT NULL AND \"rejected_at\" IS NOT NULL AND \"reject_reason\" IS NOT NULL) AND (\"status\" = 'DISBURSED') = (\"disbursed_by\" IS NOT NULL AND \"disbursed_at\" IS NOT NULL AND \"disbursed_on\" IS NOT NULL) AND (\"approved_by\" IS NULL OR \"approved_by\" <> \"applied_by\")), CONSTRAINT \"CHK_assistance_cases_details\" CHECK ((\"programme\" = 'WARMTH') = (\"festival\" IS NOT NULL AND \"cash_fen\" IS NOT NULL AND \"in_kind_fen\" IS NOT NULL AND \"cash_fen\" + \"in_kind_fen\" = \"amount_fen\") AND (\"programme\" IN ('WARMTH', 'EDUCATION')) = (\"year\" IS NOT NULL) AND (\"programme\" = 'EDUCATION') = (\"student_name\" IS NOT NULL AND \"school\" IS NOT NULL) AND (\"programme\" = 'MEDICAL') = (\"illness\" IS NOT NULL) AND (\"programme\" IN ('SKILLS', 'EMPLOYMENT')) = (\"course\" IS NOT NULL) AND (\"reemployed\" IS NULL OR (\"programme\" IN ('SKILLS', 'EMPLOYMENT') AND \"status\" = 'DISBURSED' AND \"outcome_on\" IS NOT NULL))), CONSTRAINT \"CHK_assistance_cases_amount\" CHECK (\"amount_fen\" >= 0), CONSTRAINT \"PK_d972cd4606121d1c24830d0a3ad\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_assistance_cases_education\" ON \"assistance_cases\"  (\"worker_id\", \"student_name\", \"year\") WHERE \"programme\" = 'EDUCATION' AND \"status\" <> 'REJECTED'");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_assistance_cases_warmth\" ON \"assistance_cases\"  (\"worker_id\", \"festival\", \"year\") WHERE \"programme\" = 'WARMTH' AND \"status\" <> 'REJECTED'");
    await queryRunner.query("CREATE INDEX \"IDX_assistance_cases_paying_org\" ON \"assistance_cases\"  (\"paying_org_id\", \"disbursed_on\") ");
    await queryRunner.query("CREATE INDEX \"IDX_assistance_cases_worker_id\" ON \"assistance_cases\"  (\"worker_id\") ");
    await queryRunner.query("CREATE TABLE \"audit_entries\" (\"id\" BIGSERIAL NOT NULL, \"org_id\" integer NOT NULL, \"actor_id\" integer NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"action\" character varying(64) NOT NULL, \"subject_type\" character varying(32) NOT NULL, \"subject_id\" bigint NOT NULL, \"before\" jsonb, \"after\" jsonb, CONSTRAINT \"PK_6b1623bcad4d04530b76548d619\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_audit_entries_subject\" ON \"audit_entries\"  (\"subject_type\", \"subject_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_audit_entries_org\" ON \"audit_entries\"  (\"org_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"fund_accounts\" (\"org_id\" integer NOT NULL, \"balance_fen\" bigint NOT NULL DEFAULT '0', \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"CHK_fund_accounts_not_overdrawn\" CHECK (\"balance_fen\" >= 0), CONSTRAINT \"PK_115dbb2015f2a9eb96139756abc\" PRIMARY KEY (\"org_id\"))");
    await queryRunner.query("CREATE TABLE \"idempotency_keys\" (\"org_id\" integer NOT NULL, \"key\" character varying(100) NOT NULL, \"operation\" character varying(40) NOT NULL, \"request_hash\" character(64) NOT NULL, \"user_id\" integer NOT NULL, \"result_id\" bigint, \"error\" jsonb, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_b82c9639429bd505548fc6da188\" PRIMARY KEY (\"org_id\", \"key\"))");
    await queryRunner.query("CREATE TYPE \"public\".\"ledger_entry_kind\" AS ENUM('INCOME', 'ALLOCATION', 'PAYMENT', 'INCOME_REVERSAL', 'ALLOCATION_REVERSAL')");
    await queryRunner.query("CREATE TYPE \"public\".\"income_source\" AS ENUM('UNION_DUES', 'GOVERNMENT', 'ENTERPRISE_DONATION', 'SOCIAL_DONATION', 'OTHER')");
    await queryRunner.query("CREATE TABLE \"ledger_entries\" (\"id\" BIGSERIAL NOT NULL, \"kind\" \"public\".\"ledger_entry_kind\" NOT NULL, \"from_org_id\" integer, \"to_org_id\" integer, \"source\" \"public\".\"income_source\", \"case_id\" bigint, \"worker_id\" bigint, \"amount_fen\" bigint NOT NULL, \"entry_date\" date NOT NULL DEFAULT ('now'::text)::date, \"reverses_entry_id\" bigint, \"note\" text, \"recorded_by\" integer NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"CHK_ledger_entries_shape\" CHECK ((\"kind\" = 'INCOME' AND \"from_org_id\" IS NULL AND \"to_org_id\" IS NOT NULL AND \"source\" IS NOT NULL AND \"case_id\" IS NULL AND \"reverses_entry_id\" IS NULL) OR (\"kind\" = 'ALLOCATION' AND \"from_org_id\" IS NOT NULL AND \"to_org_id\" IS NOT NULL AND \"source\" IS NULL AND \"case_id\" IS NULL AND \"reverses_entry_id\" IS NULL) OR (\"kind\" = 'PAYMENT' AND \"from_org_id\" IS NOT NULL AND \"to_org_id\" IS NULL AND \"case_id\" IS NOT NULL AND \"worker_id\" IS NOT NULL AND \"reverses_entry_id\" IS NULL) OR (\"kind\" = 'INCOME_REVERSAL' AND \"from_org_id\" IS NOT NULL AND \"to_org_id\" IS NULL AND \"source\" IS NOT NULL AND \"case_id\" IS NULL AND \"reverses_entry_id\" IS NOT NULL) OR (\"kind\" = 'ALLOCATION_REVERSAL' AND \"from_org_id\" IS NOT NULL AND \"to_org_id\" IS NOT NULL AND \"case_id\" IS NULL AND \"reverses_entry_id\" IS NOT NULL)), CONSTRAINT \"CHK_ledger_entries_amount\" CHECK (\"amount_fen\" > 0), CONSTRAINT \"PK_6efcb84411d3f08b08450ae75d5\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_ledger_entries_reverses\" ON \"ledger_entries\"  (\"reverses_entry_id\") WHERE \"reverses_entry_id\" IS NOT NULL");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_ledger_entries_payment_case\" ON \"ledger_entries\"  (\"case_id\") WHERE \"kind\" = 'PAYMENT'");
    await queryRunner.query("CREATE INDEX \"IDX_ledger_entries_from_org\" ON \"ledger_entries\"  (\"from_org_id\", \"entry_date\") ");
    await queryRunner.query("CREATE INDEX \"IDX_ledger_entries_to_org\" ON \"ledger_entries\"  (\"to_org_id\", \"entry_date\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"pairing_end_reason\" AS ENUM('LIFTED', 'OTHER')");
    await queryRunner.query("CREATE TABLE \"pairings\" (\"id\" BIGSERIAL NOT NULL, \"worker_id\" bigint NOT NULL, \"cadre_name\" character varying(50) NOT NULL, \"cadre_post\" character varying(100) NOT NULL, \"cadre_org_id\" integer NOT NULL, \"started_on\" date NOT NULL, \"ended_on\" date, \"end_reason\" \"public\".\"pairing_end_reason\", \"end_note\" text, \"created_by\" integer NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"CHK_pairings_end\" CHECK ((\"ended_on\" IS NULL) = (\"end_reason\" IS NULL) AND (\"ended_on\" IS NULL OR \"ended_on\" >= \"started_on\")), CONSTRAINT \"PK_db617dbea5aade9510d4a31c4f7\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_pairings_open_per_worker\" ON \"pairings\"  (\"worker_id\") WHERE \"ended_on\" IS NULL");
    await queryRunner.query("CREATE INDEX \"IDX_pairings_worker_id\" ON \"pairings\"  (\"worker_id\") ");
    await queryRunner.query("ALTER TABLE \"assistance_cases\" ADD CONSTRAINT \"FK_f6dc5bfbbbcbf34d78194dad65a\" FOREIGN KEY (\"worker_id\") REFERENCES \"workers\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"assistance_cases\" ADD CONSTRAINT \"FK_9dfec4caa0ed3767d7822c28556\" FOREIGN KEY (\"applied_by\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"assistance_cases\" ADD CONSTRAINT \"FK_fecfc8676b450578077c62e2cdd\" FOREIGN KEY (\"paying_org_id\") REFERENCES \"orgs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"assistance_cases\" ADD CONSTRAINT \"FK_a4c08d6d2d9ecc04ddd30183ce3\" FOREIGN KEY (\"approved_by\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"assistance_cases\" ADD CONSTRAINT \"FK_d84c9d2e126648d882c966ce7f3\" FOREIGN KEY (\"rejected_by\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"assistance_cases\" ADD CONSTRAINT \"FK_8d6d7b40172e8cfa513dcf2aba7\" FOREIGN KEY (\"disbursed_by\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"audit_entries\" ADD CONSTRAINT \"FK_d216aa50fd0d57b2ac0bb6695e1\" FOREIGN KEY (\"org_id\") REFERENCES \"orgs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"audit_entries\" ADD CONSTRAINT \"FK_c2d369a2e8a9e3773f1682b8ac0\" FOREIGN KEY (\"actor_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"fund_accounts\" ADD CONSTRAINT \"FK_115dbb2015f2a9eb96139756abc\" FOREIGN KEY (\"org_id\") REFERENCES \"orgs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"idempotency_keys\" ADD CONSTRAINT \"FK_1eaac38e984e753ad348af8d3f9\" FOREIGN KEY (\"org_id\") REFERENCES \"orgs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"idempotency_keys\" ADD CONSTRAINT \"FK_4d2181624ba2d61e76a07175198\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"ledger_entries\" ADD CONSTRAINT \"FK_def401083f927817818ba7bf33c\" FOREIGN KEY (\"from_org_id\") REFERENCES \"orgs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"ledger_entries\" ADD CONSTRAINT \"FK_fe48d29a0f62b37cea9c0f801d2\" FOREIGN KEY (\"to_org_id\") REFERENCES \"orgs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"ledger_entries\" ADD CONSTRAINT \"FK_ceeece64ef258f8eb526e11cea2\" FOREIGN KEY (\"case_id\") REFERENCES \"assistance_cases\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"ledger_entries\" ADD CONSTRAINT \"FK_6b0a5bbe797ec304bfe1188ab74\" FOREIGN KEY (\"worker_id\") REFERENCES \"workers\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"ledger_entries\" ADD CONSTRAINT \"FK_8784d388978f4913b3f6983fa7b\" FOREIGN KEY (\"reverses_entry_id\") REFERENCES \"ledger_entries\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"ledger_entries\" ADD CONSTRAINT \"FK_08864e606b285dc0cd35c6e4ca3\" FOREIGN KEY (\"recorded_by\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"pairings\" ADD CONSTRAINT \"FK_8c6d9249243073d6b760463f70b\" FOREIGN KEY (\"worker_id\") REFERENCES \"workers\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"pairings\" ADD CONSTRAINT \"FK_5e3ea96110e477dcbc91d7c4531\" FOREIGN KEY (\"cadre_org_id\") REFERENCES \"orgs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"pairings\" ADD CONSTRAINT \"FK_1a9555effa179af4b02c02851d2\" FOREIGN KEY (\"created_by\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    // Entries and the audit trail are written once: corrections are new entries (hand-added).
    await queryRunner.query(
      `CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION '% rows are never changed or deleted', TG_TABLE_NAME USING ERRCODE = 'restrict_violation'; END $$`,
    );
    await queryRunner.query(
      'CREATE TRIGGER ledger_entries_immutable BEFORE UPDATE OR DELETE ON "ledger_entries" FOR EACH ROW EXECUTE FUNCTION refuse_change()',
    );
    await queryRunner.query(
      'CREATE TRIGGER audit_entries_immutable BEFORE UPDATE OR DELETE ON "audit_entries" FOR EACH ROW EXECUTE FUNCTION refuse_change()',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_entries_immutable ON "audit_entries"');
    await queryRunner.query('DROP TRIGGER ledger_entries_immutable ON "ledger_entries"');
    await queryRunner.query('DROP FUNCTION refuse_change()');
    await queryRunner.query("ALTER TABLE \"pairings\" DROP CONSTRAINT \"FK_1a9555effa179af4b02c02851d2\"");
    await queryRunner.query("ALTER TABLE \"pairings\" DROP CONSTRAINT \"FK_5e3ea96110e477dcbc91d7c4531\"");
    await queryRunner.query("ALTER TABLE \"pairings\" DROP CONSTRAINT \"FK_8c6d9249243073d6b760463f70b\"");
    await queryRunner.query("ALTER TABLE \"ledger_entries\" DROP CONSTRAINT \"FK_08864e606b285dc0cd35c6e4ca3\"");
    await queryRunner.query("ALTER TABLE \"ledger_entries\" DROP CONSTRAINT \"FK_8784d388978f4913b3f6983fa7b\"");
    await queryRunner.query("ALTER TABLE \"ledger_entries\" DROP CONSTRAINT \"FK_6b0a5bbe797ec304bfe1188ab74\"");
    await queryRunner.query("ALTER TABLE \"ledger_entries\" DROP CONSTRAINT \"FK_ceeece64ef258f8eb526e11cea2\"");
    await queryRunner.query("ALTER TABLE \"ledger_entries\" DROP CONSTRAINT \"FK_fe48d29a0f62b37cea9c0f801d2\"");
    await queryRunner.query("ALTER TABLE \"ledger_entries\" DROP CONSTRAINT \"FK_def401083f927817818ba7bf33c\"");
    await queryRunner.query("ALTER TABLE \"idempotency_keys\" DROP CONSTRAINT \"FK_4d2181624ba2d61e76a07175198\"");
    await queryRunner.query("ALTER TABLE \"idempotency_keys\" DROP CONSTRAINT \"FK_1eaac38e984e753ad348af8d3f9\"");
    await queryRunner.query("ALTER TABLE \"fund_accounts\" DROP CONSTRAINT \"FK_115dbb2015f2a9eb96139756abc\"");
    await queryRunner.query("ALTER TABLE \"audit_entries\" DROP CONSTRAINT \"FK_c2d369a2e8a9e3773f1682b8ac0\"");
    await queryRunner.query("ALTER TABLE \"audit_entries\" DROP CONSTRAINT \"FK_d216aa50fd0d57b2ac0bb6695e1\"");
    await queryRunner.query("ALTER TABLE \"assistance_cases\" DROP CONSTRAINT \"FK_8d6d7b40172e8cfa513dcf2aba7\"");
    await queryRunner.query("ALTER TABLE \"assistance_cases\" DROP CONSTRAINT \"FK_d84c9d2e126648d882c966ce7f3\"");
    await queryRunner.query("ALTER TABLE \"assistance_cases\" DROP CONSTRAINT \"FK_a4c08d6d2d9ecc04ddd30183ce3\"");
    await queryRunner.query("ALTER TABLE \"assistance_cases\" DROP CONSTRAINT \"FK_fecfc8676b450578077c62e2cdd\"");
    await queryRunner.query("ALTER TABLE \"assistance_cases\" DROP CONSTRAINT \"FK_9dfec4caa0ed3767d7822c28556\"");
    await queryRunner.query("ALTER TABLE \"assistance_cases\" DROP CONSTRAINT \"FK_f6dc5bfbbbcbf34d78194dad65a\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_pairings_worker_id\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_pairings_open_per_worker\"");
    await queryRunner.query("DROP TABLE \"pairings\"");
    await queryRunner.query("DROP TYPE \"public\".\"pairing_end_reason\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_ledger_entries_to_org\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_ledger_entries_from_org\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_ledger_entries_payment_case\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_ledger_entries_reverses\"");
    await queryRunner.query("DROP TABLE \"ledger_entries\"");
    await queryRunner.query("DROP TYPE \"public\".\"income_source\"");
    await queryRunner.query("DROP TYPE \"public\".\"ledger_entry_kind\"");
    await queryRunner.query("DROP TABLE \"idempotency_keys\"");
    await queryRunner.query("DROP TABLE \"fund_accounts\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_audit_entries_org\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_audit_entries_subject\"");
    await queryRunner.query("DROP TABLE \"audit_entries\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_assistance_cases_worker_id\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_assistance_cases_paying_org\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_assistance_cases_warmth\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_assistance_cases_education\"");
    await queryRunner.query("DROP TABLE \"assistance_cases\"");
    await queryRunner.query("DROP TYPE \"public\".\"festival\"");
    await queryRunner.query("DROP TYPE \"public\".\"assistance_status\"");
    await queryRunner.query("DROP TYPE \"public\".\"assistance_programme\"");
  }
}
