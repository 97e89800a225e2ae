import { Field, Int, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { AssistanceProgramme } from '../assistance/assistance-enums';
import { MoneyScalar } from '../common/scalars';
import type { Caller } from '../context';
import { scopeSql } from '../permissions/scope-sql';
import { inPeriodSql, type Period } from '../rollup/period';

@ObjectType()
export class ProgrammeStats {
  @Field(() => AssistanceProgramme)
  programme!: AssistanceProgramme;

  @Field(() => MoneyScalar, { description: 'Paid under the programme from the subtree’s funds.' })
  amount!: string;

  @Field(() => Int, { description: 'Payments or services, in person-times.' })
  personTimes!: number;

  @Field(() => Int, { description: 'Distinct workers helped.' })
  beneficiaries!: number;
}

@ObjectType({ description: 'Money of a subtree, from its ledger entries and disbursed cases.' })
export class FundStats {
  @Field(() => MoneyScalar, { description: 'Money that came into the subtree from outside it.' })
  income!: string;

  @Field(() => MoneyScalar, { description: 'Money paid out to workers.' })
  disbursed!: string;

  @Field(() => MoneyScalar, { description: "What the subtree's funds hold now." })
  balance!: string;

  @Field(() => [ProgrammeStats], { description: 'Every programme, in a fixed order, with what the subtree’s funds paid under it.' })
  byProgramme!: ProgrammeStats[];
}

// A movement counts for a subtree when exactly one of its ends is inside it: money in from an
// outside source or from the parent, money out when an income or allocation is reversed.
// Payments leave the subtree for a worker and count as disbursed, not against income.

/** Fund figures of many subtrees for one period: three queries whatever the number of subtrees. */
export async function fundStats(db: DataSource, caller: Caller, paths: readonly string[], period: Period): Promise<Map<string, FundStats>> {
  // Each subtree's orgs through the path index, then their entries through the org indexes: a
  // township reads its own few entries, not the city's.
  const moveParams: unknown[] = [paths, period.from, period.to];
  const moveScope = scopeSql(caller.ability, 'read', 'Fund', { orgPath: 't.path' }, moveParams);
  const inPeriod = inPeriodSql('e.entry_date', '$2', '$3');
  const moves: { path: string; income: string | null; disbursed: string | null }[] = await db.query(
    `WITH t AS (SELECT path FROM unnest($1::ltree[]) AS t(path) WHERE ${moveScope}),
     moved AS (
       SELECT t.path, e.amount_fen AS income, 0::bigint AS disbursed
       FROM t JOIN orgs tor ON tor.path <@ t.path JOIN ledger_entries e ON e.to_org_id = tor.id LEFT JOIN orgs fo ON fo.id = e.from_org_id
       WHERE ${inPeriod} AND NOT coalesce(fo.path <@ t.path, false)
       UNION ALL
       SELECT t.path, CASE WHEN e.kind = 'PAYMENT' THEN 0 ELSE -e.amount_fen END, CASE WHEN e.kind = 'PAYMENT' THEN e.amount_fen ELSE 0 END
       FROM t JOIN orgs fo ON fo.path <@ t.path JOIN ledger_entries e ON e.from_org_id = fo.id LEFT JOIN orgs tor ON tor.id = e.to_org_id
       WHERE ${inPeriod} AND NOT coalesce(tor.path <@ t.path, false)
     )
     SELECT path::text AS path, sum(income)::text AS income, sum(disbursed)::text AS disbursed FROM moved GROUP BY path`,
    moveParams,
  );
  const balanceParams: unknown[] = [paths];
  const balanceScope = scopeSql(caller.ability, 'read', 'Fund', { orgPath: 'o.path' }, balanceParams);
  const balances: { path: string; balance: string }[] = await db.query(
    `SELECT t.path::text AS path, sum(f.balance_fen)::text AS balance
     FROM unnest($1::ltree[]) AS t(path) JOIN orgs o ON o.path <@ t.path JOIN fund_accounts f ON f.org_id = o.id
     WHERE ${balanceScope} GROUP BY t.path`,
    balanceParams,
  );
  const caseParams: unknown[] = [paths, period.from, period.to];
  const caseScope = scopeSql(caller.ability, 'read', 'Fund', { orgPath: 'po.path' }, caseParams);
  const programmes: { path: string; programme: AssistanceProgramme; amount: string; personTimes: number; beneficiaries: number }[] =
    await db.query(
      `SELECT t.path::text AS path, c.programme, sum(c.amount_fen)::text AS amount, count(*)::int AS "personTimes",
         count(DISTINCT c.worker_id)::int AS beneficiaries
       FROM unnest($1::ltree[]) AS t(path)
       JOIN orgs po ON po.path <@ t.path
       JOIN assistance_cases c ON c.paying_org_id = po.id AND c.status = 'DISBURSED' AND ${inPeriodSql('c.disbursed_on', '$2', '$3')}
       WHERE ${caseScope}
       GROUP BY t.path, c.programme`,
      caseParams,
    );
  const result = new Map<string, FundStats>();
  for (const path of paths) {
    const move = moves.find((row) => row.path === path);
    result.set(path, {
      income: move?.income ?? '0',
      disbursed: move?.disbursed ?? '0',
      balance: balances.find((row) => row.path === path)?.balance ?? '0',
      byProgramme: Object.values(AssistanceProgramme).map((programme) => {
        const row = programmes.find((r) => r.path === path && r.programme === programme);
        return { programme, amount: row?.amount ?? '0', personTimes: row?.personTimes ?? 0, beneficiaries: row?.beneficiaries ?? 0 };
      }),
    });
  }
  return result;
}
