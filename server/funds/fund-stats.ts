import { Field, Int, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { AssistanceProgramme } from '../assistance/assistance-enums';
import { MoneyScalar } from '../common/scalars';
import type { Caller } from '../context';
import { orgIdOf } from '../permissions/paths';
import { countOf, periodTerms, readableSubtrees, valueOf, type CellReader, type Term } from '../rollup/cells';
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

/** Distinct workers paid under each programme from each subtree's funds within a period that has a start. */
async function beneficiariesInWindow(db: DataSource, paths: readonly string[], period: Period): Promise<Map<string, Map<string, number>>> {
  const rows: { path: string; programme: AssistanceProgramme; n: number }[] = await db.query(
    `SELECT t.path::text AS path, c.programme, count(DISTINCT c.worker_id)::int AS n
     FROM unnest($1::ltree[]) AS t(path)
     JOIN orgs po ON po.path <@ t.path
     JOIN assistance_cases c ON c.paying_org_id = po.id AND c.status = 'DISBURSED' AND ${inPeriodSql('c.disbursed_on', '$2', '$3')}
     GROUP BY t.path, c.programme`,
    [paths, period.from, period.to],
  );
  const result = new Map<string, Map<string, number>>(paths.map((path) => [path, new Map()]));
  for (const row of rows) result.get(row.path)!.set(row.programme, row.n);
  return result;
}

const PROGRAMMES = Object.values(AssistanceProgramme);

/**
 * Fund figures of many subtrees for one period, from the rollup cells (one query). Income counts
 * money crossing into the subtree (an allocation only for the child's own subtree), payments
 * count where the paying fund is, and the balance is all income less all payments. Distinct
 * beneficiaries come from each worker's first payment, so a period without a start is read from
 * the cells too (with the request's other sums); a period with a start needs the payments in it (docs/decisions/0005).
 */
export async function fundStats(
  db: DataSource,
  cells: CellReader,
  caller: Caller,
  paths: readonly string[],
  period: Period,
  /** Distinct beneficiaries cost a count of the period's payments: only when asked for. */
  { beneficiaries = true }: { beneficiaries?: boolean } = {},
): Promise<Map<string, FundStats>> {
  const orgs = readableSubtrees(caller, 'Fund', paths);
  const open = !period.from && !period.to;
  const terms: Term[] = [
    ...periodTerms('income', 'income', period.from, period.to),
    ...PROGRAMMES.flatMap((programme) => [
      ...periodTerms(`paid:${programme}`, `paid:${programme}`, period.from, period.to),
      ...(period.from || !beneficiaries ? [] : periodTerms(`ben:${programme}`, `ben:${programme}`, null, period.to)),
      ...(open ? [] : periodTerms(`all:paid:${programme}`, `paid:${programme}`, null, null)),
    ]),
    ...(open ? [] : periodTerms('all:income', 'income', null, null)),
  ];
  const [sums, window] = await Promise.all([
    cells.sum(orgs, terms),
    period.from && beneficiaries
      ? beneficiariesInWindow(
          db,
          orgs.map((org) => org.path),
          period,
        )
      : Promise.resolve(null),
  ]);
  const result = new Map<string, FundStats>();
  for (const path of paths) {
    const cells = sums.get(orgIdOf(path));
    const fen = (key: string) => BigInt(valueOf(cells, key));
    const sum = (keys: string[]) => keys.reduce((total, key) => total + fen(key), 0n);
    const allPaid = sum(PROGRAMMES.map((programme) => `${open ? '' : 'all:'}paid:${programme}`));
    result.set(path, {
      income: fen('income').toString(),
      disbursed: sum(PROGRAMMES.map((programme) => `paid:${programme}`)).toString(),
      balance: (fen(open ? 'income' : 'all:income') - allPaid).toString(),
      byProgramme: PROGRAMMES.map((programme) => ({
        programme,
        amount: fen(`paid:${programme}`).toString(),
        personTimes: countOf(cells, `paid:${programme}`),
        beneficiaries: !beneficiaries ? 0 : window ? (window.get(path)?.get(programme) ?? 0) : countOf(cells, `ben:${programme}`),
      })),
    });
  }
  return result;
}
