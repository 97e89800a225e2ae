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
 * A loader of figures per (subtree path, argument): the keys of one request that share the
 * argument (a period, a year) go to `load` together, so byChild over twelve counties is one call;
 * calls for different arguments run at once, so their rollup sums still share one statement.
 */
export function groupedLoader<A, T>(load: (paths: string[], arg: A) => Promise<Map<string, T>>) {
  const keyOf = (path: string, arg: A) => `${JSON.stringify(arg)}|${path}`;
  return new DataLoader<{ path: string; arg: A }, T, string>(
    async (keys) => {
      const groups = new Map<string, { arg: A; paths: string[] }>();
      for (const { path, arg } of keys) {
        const id = JSON.stringify(arg);
        const group = groups.get(id) ?? { arg, paths: [] };
        group.paths.push(path);
        groups.set(id, group);
      }
      const results = new Map<string, T>();
      await Promise.all(
        [...groups.values()].map(async ({ arg, paths }) => {
          const figures = await load(paths, arg);
          for (const path of paths) results.set(keyOf(path, arg), figures.get(path)!);
        }),
      );
      return keys.map(({ path, arg }) => results.get(keyOf(path, arg))!);
    },
    { cacheKeyFn: ({ path, arg }) => keyOf(path, arg) },
  );
}
