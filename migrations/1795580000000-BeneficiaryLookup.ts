import type { MigrationInterface, QueryRunner } from 'typeorm';

// A payment's trigger (rollup_on_case, migration RollupCells) finds, for each subtree holding
// the paying fund, the day the worker was first paid from it under the programme. It joined the
// worker's cases to every org of the subtree, and the planner scanned the orgs by id filtering
// on the path: about 2,800 rows for each of the four or five subtrees, 3.6 ms of each payment
// (EXPLAIN ANALYZE on the municipal demo). Looking up each case's paying org by its key reads
// the worker's few cases and one org for each: 0.3 ms. The function is otherwise unchanged, so
// both ways rewrite this one query in the definition the database holds.
const SCAN = `SELECT min(x.disbursed_on) AS others FROM assistance_cases x JOIN orgs po ON po.id = x.paying_org_id
      WHERE x.worker_id = c.worker_id AND x.programme = c.programme AND x.status = 'DISBURSED' AND x.id <> c.id AND po.path <@ a.path`;
const LOOKUP = `SELECT min(x.disbursed_on) AS others FROM assistance_cases x
      WHERE x.worker_id = c.worker_id AND x.programme = c.programme AND x.status = 'DISBURSED' AND x.id <> c.id
        AND (SELECT po.path FROM orgs po WHERE po.id = x.paying_org_id) <@ a.path`;

async function rewrite(queryRunner: QueryRunner, from: string, to: string): Promise<void> {
  const [{ definition }] = (await queryRunner.query(`SELECT pg_get_functiondef('rollup_on_case()'::regprocedure) AS definition`)) as [
    { definition: string },
  ];
  if (!definition.includes(from)) throw new Error('BeneficiaryLookup: rollup_on_case is not the one this migration expects');
  await queryRunner.query(definition.replace(from, to));
}

export class BeneficiaryLookup1795580000000 implements MigrationInterface {
  name = 'BeneficiaryLookup1795580000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await rewrite(queryRunner, SCAN, LOOKUP);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await rewrite(queryRunner, LOOKUP, SCAN);
  }
}
