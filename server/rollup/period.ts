import DataLoader from 'dataloader';
import { ArgsType, Field } from 'type-graphql';
import { IsOptional } from 'class-validator';
import { DateScalar } from '../common/scalars';
import { badInput } from '../errors';

@ArgsType()
export class PeriodArgs {
  @Field(() => DateScalar, { nullable: true, description: 'First day counted; open when absent.' })
  @IsOptional()
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day counted; open when absent.' })
  @IsOptional()
  to?: string | null;
}

export interface Period {
  from: string | null;
  to: string | null;
}

export function readPeriod(args: PeriodArgs): Period {
  const period = { from: args.from ?? null, to: args.to ?? null };
  if (period.from && period.to && period.from > period.to) throw badInput('PERIOD_ORDER', 'from cannot be after to.', 'from');
  return period;
}

/** SQL for "the date column lies in the period", the bounds as $from and $to placeholders. */
export function inPeriodSql(column: string, from: string, to: string): string {
  return `(${from}::date IS NULL OR ${column} >= ${from}::date) AND (${to}::date IS NULL OR ${column} <= ${to}::date)`;
}

/**
 * A loader of figures per (subtree path, period): the keys of one request that share a period
 * go to `load` together, so byChild over twelve counties is one query per figure.
 */
export function periodLoader<T>(load: (paths: string[], period: Period) => Promise<Map<string, T>>) {
  return new DataLoader<{ path: string; period: Period }, T, string>(
    async (keys) => {
      const groups = new Map<string, { period: Period; paths: string[] }>();
      for (const { path, period } of keys) {
        const id = JSON.stringify(period);
        const group = groups.get(id) ?? { period, paths: [] };
        group.paths.push(path);
        groups.set(id, group);
      }
      const results = new Map<string, T>();
      for (const [id, { period, paths }] of groups) {
        const figures = await load(paths, period);
        for (const path of paths) results.set(`${id}|${path}`, figures.get(path)!);
      }
      return keys.map(({ path, period }) => results.get(`${JSON.stringify(period)}|${path}`)!);
    },
    { cacheKeyFn: ({ path, period }) => `${JSON.stringify(period)}|${path}` },
  );
}
