import { Field, Int, ObjectType } from 'type-graphql';
import type { Caller } from '../context';
import { orgIdOf } from '../permissions/paths';
import { countOf, plainTerm, readableSubtrees, type CellReader } from '../rollup/cells';

@ObjectType({ description: '一帮一: pairings of the hardship families of a subtree.' })
export class PairingStats {
  @Field(() => Int, { description: 'Every pairing made, ended ones included.' })
  total!: number;

  @Field(() => Int, { description: 'Pairings that ended with the family lifted out of hardship.' })
  lifted!: number;

  @Field(() => Int, { description: 'Pairings still running.' })
  active!: number;
}

/** For many subtrees in one query, from the rollup cells; a pairing counts where its worker is. */
export async function pairingStats(cells: CellReader, caller: Caller, paths: readonly string[]): Promise<Map<string, PairingStats>> {
  const families = { total: 'pairings', lifted: 'pairings:lifted', active: 'pairings:active' };
  const sums = await cells.sum(
    readableSubtrees(caller, 'Pairing', paths),
    Object.entries(families).map(([key, family]) => plainTerm(key, family)),
  );
  return new Map(
    paths.map((path) => {
      const cells = sums.get(orgIdOf(path));
      return [path, { total: countOf(cells, 'total'), lifted: countOf(cells, 'lifted'), active: countOf(cells, 'active') }];
    }),
  );
}
