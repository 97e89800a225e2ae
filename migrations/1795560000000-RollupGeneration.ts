import type { MigrationInterface, QueryRunner } from 'typeorm';

// The generation of the rollup totals (docs/decisions/0005-rollup-counters.md): every statement
// that writes rollup_totals (a fold, a rebuild, a change of the hardship lines) gives it a new
// random value in its own transaction. Random, not counted: a restored backup or a failover to
// a replica that lags could bring a counter back to a value a server has seen with other totals. Two snapshots that see the same generation see the same totals, so a
// server may keep the totals' part of the sums it has read and reuse them while the generation
// stands; the deltas not yet folded are read afresh every time. Every writer of the totals holds
// the totals lock (7005) first, so the generation's row is never contended.
const UP = `
CREATE TABLE rollup_generation (
  id boolean NOT NULL DEFAULT true,
  generation text NOT NULL,
  CONSTRAINT "PK_rollup_generation" PRIMARY KEY (id),
  CONSTRAINT "CHK_rollup_generation_one_row" CHECK (id)
);
INSERT INTO rollup_generation (id, generation) VALUES (true, gen_random_uuid()::text);

CREATE FUNCTION rollup_next_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE rollup_generation SET generation = gen_random_uuid()::text;
  RETURN NULL;
END $$;

CREATE TRIGGER rollup_totals_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rollup_totals
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_next_generation();
`;

const DOWN = `
DROP TRIGGER rollup_totals_generation ON rollup_totals;
DROP FUNCTION rollup_next_generation();
DROP TABLE rollup_generation;
`;

export class RollupGeneration1795560000000 implements MigrationInterface {
  name = 'RollupGeneration1795560000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(UP);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(DOWN);
  }
}
