import { Field, Int, ObjectType } from 'type-graphql';
import type { Caller } from '../context';
import { orgIdOf } from '../permissions/paths';
import { countOf, currentTerm, plainTerm, readableSubtrees, valueOf, type CellReader } from '../rollup/cells';
import { NAMING_RANK, Ownership } from './harmonious-enums';

@ObjectType()
export class OwnershipStats {
  @Field(() => Ownership, { nullable: true, description: 'Null: enterprises whose profile is not recorded.' })
  ownership!: Ownership | null;

  @Field(() => Int)
  participatingEnterprises!: number;

  @Field(() => Int)
  named!: number;
}

@ObjectType({ description: '劳动关系和谐企业: the campaign and the namings of a subtree’s enterprises.' })
export class HarmoniousStats {
  @Field(() => Int, { description: 'Enterprises taking part (all years: each counted once).' })
  participatingEnterprises!: number;

  @Field(() => Int, { description: 'Their workers taking part (all years: each enterprise’s latest year).' })
  participatingWorkers!: number;

  @Field(() => Int, { description: 'Enterprises holding a current naming, each under its highest level.' })
  named!: number;

  @Field(() => Int)
  national!: number;

  @Field(() => Int)
  provincial!: number;

  @Field(() => Int)
  municipal!: number;

  @Field(() => Int)
  county!: number;

  @Field(() => [OwnershipStats], { description: 'By ownership, those with a profile first in a fixed order, then those without.' })
  byOwnership!: OwnershipStats[];
}

const OWNERS = [...Object.values(Ownership), null] as const;
const RANKS = [1, 2, 3, 4] as const;
const ownerKey = (ownership: Ownership | null) => ownership ?? '-';

/**
 * For many subtrees and one year (or all years), from the rollup cells: each enterprise adds its
 * participation (the latest year for all years) and its highest current naming, kept as changes
 * by day so that a revocation dated later takes effect on its day.
 */
export async function harmoniousStats(
  cells: CellReader,
  caller: Caller,
  paths: readonly string[],
  year: number | null,
): Promise<Map<string, HarmoniousStats>> {
  const scope = year === null ? 'all' : String(year);
  const { today } = await cells.context();
  const terms = OWNERS.flatMap((ownership) => [
    plainTerm(`p:${ownerKey(ownership)}`, `cp:${scope}:${ownerKey(ownership)}`),
    ...RANKS.map((rank) => currentTerm(`n:${ownerKey(ownership)}:${rank}`, `cn:${scope}:${ownerKey(ownership)}:${rank}`, today)),
  ]);
  const sums = await cells.sum(readableSubtrees(caller, 'HarmoniousParticipation', paths), terms);
  const result = new Map<string, HarmoniousStats>();
  for (const path of paths) {
    const cells = sums.get(orgIdOf(path));
    const named = (ownership: Ownership | null, ranks: readonly number[] = RANKS) =>
      ranks.reduce((total, rank) => total + countOf(cells, `n:${ownerKey(ownership)}:${rank}`), 0);
    const byRank = (rank: number) => OWNERS.reduce((total, ownership) => total + named(ownership, [rank]), 0);
    const byOwnership = OWNERS.map((ownership) => ({
      ownership,
      participatingEnterprises: countOf(cells, `p:${ownerKey(ownership)}`),
      named: named(ownership),
    }));
    result.set(path, {
      participatingEnterprises: byOwnership.reduce((total, row) => total + row.participatingEnterprises, 0),
      participatingWorkers: OWNERS.reduce((total, ownership) => total + Number(valueOf(cells, `p:${ownerKey(ownership)}`)), 0),
      named: byOwnership.reduce((total, row) => total + row.named, 0),
      national: byRank(NAMING_RANK.NATIONAL),
      provincial: byRank(NAMING_RANK.PROVINCIAL),
      municipal: byRank(NAMING_RANK.MUNICIPAL),
      county: byRank(NAMING_RANK.COUNTY),
      // Those without a profile are listed only when there are some.
      byOwnership: byOwnership.filter((row) => row.ownership !== null || row.participatingEnterprises + row.named > 0),
    });
  }
  return result;
}
