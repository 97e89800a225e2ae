import type { MigrationInterface, QueryRunner } from 'typeorm';

// The id of its municipal root on every table of records (docs/scaling.md): the key Citus would
// distribute them by, so that a municipality's rows and its queries stay on one node. The
// database sets it from the row's org, worker, participation or path, on every insert and on
// any change of what it comes from; nothing else writes it. hardship_lines and
// harmonious_scoring have theirs already (root_org_id); users are shared by every tree.
const FROM = {
  org: "(SELECT o.root_id FROM orgs o WHERE o.id = NEW.org_id)",
  worker: "(SELECT w.root_id FROM workers w WHERE w.id = NEW.worker_id)",
  ledger: "(SELECT o.root_id FROM orgs o WHERE o.id = coalesce(NEW.to_org_id, NEW.from_org_id))",
  participation: "(SELECT p.root_id FROM harmonious_participations p WHERE p.id = NEW.participation_id)",
} as const;

/** Each table, what its root comes from and the columns that say so, in an order where sources come first. */
const TABLES: [table: string, from: keyof typeof FROM, columns: string][] = [
  ['workers', 'org', 'org_id'],
  ['role_assignments', 'org', 'org_id'],
  ['audit_entries', 'org', 'org_id'],
  ['fund_accounts', 'org', 'org_id'],
  ['idempotency_keys', 'org', 'org_id'],
  ['enterprise_profiles', 'org', 'org_id'],
  ['harmonious_participations', 'org', 'org_id'],
  ['harmonious_namings', 'org', 'org_id'],
  ['hardship_archives', 'worker', 'worker_id'],
  ['assistance_cases', 'worker', 'worker_id'],
  ['pairings', 'worker', 'worker_id'],
  ['ledger_entries', 'ledger', 'to_org_id, from_org_id'],
  ['harmonious_criteria', 'participation', 'participation_id'],
];

/** Append-only tables refuse any update: their guards are off while the column is filled in. */
const IMMUTABLE = ['ledger_entries', 'audit_entries'];

const backfill: Record<keyof typeof FROM, (table: string) => string> = {
  org: (table) => `UPDATE ${table} t SET root_id = o.root_id FROM orgs o WHERE o.id = t.org_id`,
  worker: (table) => `UPDATE ${table} t SET root_id = w.root_id FROM workers w WHERE w.id = t.worker_id`,
  ledger: (table) => `UPDATE ${table} t SET root_id = o.root_id FROM orgs o WHERE o.id = coalesce(t.to_org_id, t.from_org_id)`,
  participation: (table) => `UPDATE ${table} t SET root_id = p.root_id FROM harmonious_participations p WHERE p.id = t.participation_id`,
};

export class RootIds1795570000000 implements MigrationInterface {
  name = 'RootIds1795570000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The rollup triggers watch other columns; only the append-only guards would refuse.
    for (const table of IMMUTABLE) await queryRunner.query(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_immutable`);
    await queryRunner.query('ALTER TABLE orgs ADD root_id integer');
    await queryRunner.query('UPDATE orgs SET root_id = ltree2text(subpath(path, 0, 1))::integer');
    await queryRunner.query('ALTER TABLE orgs ALTER COLUMN root_id SET NOT NULL');
    await queryRunner.query(`CREATE FUNCTION root_id_from_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.root_id := ltree2text(subpath(NEW.path, 0, 1))::integer;
  RETURN NEW;
END $$`);
    await queryRunner.query('CREATE TRIGGER root_id_orgs BEFORE INSERT OR UPDATE OF path, root_id ON orgs FOR EACH ROW EXECUTE FUNCTION root_id_from_path()');
    for (const [kind, sql] of Object.entries(FROM)) {
      await queryRunner.query(`CREATE FUNCTION root_id_from_${kind}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.root_id := ${sql};
  RETURN NEW;
END $$`);
    }
    for (const [table, from, columns] of TABLES) {
      await queryRunner.query(`ALTER TABLE ${table} ADD root_id integer`);
      await queryRunner.query(backfill[from](table));
      await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN root_id SET NOT NULL`);
      await queryRunner.query(
        `CREATE TRIGGER root_id_${table} BEFORE INSERT OR UPDATE OF ${columns}, root_id ON ${table} FOR EACH ROW EXECUTE FUNCTION root_id_from_${from}()`,
      );
    }
    for (const table of IMMUTABLE) await queryRunner.query(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_immutable`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of [...TABLES].reverse()) {
      await queryRunner.query(`DROP TRIGGER root_id_${table} ON ${table}`);
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN root_id`);
    }
    for (const kind of Object.keys(FROM)) await queryRunner.query(`DROP FUNCTION root_id_from_${kind}()`);
    await queryRunner.query('DROP TRIGGER root_id_orgs ON orgs');
    await queryRunner.query('DROP FUNCTION root_id_from_path()');
    await queryRunner.query('ALTER TABLE orgs DROP COLUMN root_id');
  }
}
