import type { Caller } from '../context';
import { HardshipCause } from '../hardship/hardship-enums';
import { orgIdOf, rootIdOf } from '../permissions/paths';
import { Education, Gender } from '../worker/worker-enums';
import { bornTerms, countOf, plainTerm, readableSubtrees, type CellContext, type CellReader, type CellSums, type Term } from './cells';
import type { HardshipStats, WorkerStats } from './rollup.types';

const BANDS = { hardship: 'H', extreme: 'X' } as const;
type Band = keyof typeof BANDS;
const CAUSES = Object.values(HardshipCause);

// Hardship and extreme are decided in whole fen against the line in force today (household
// income < line × household size); cohorts by birth date against today's date.
function hardshipTerms(band: Band, line: number, context: CellContext): Term[] {
  const family = `h${line}${BANDS[band]}`;
  const key = (name: string) => `${band}:${name}`;
  return [
    plainTerm(key('total'), family),
    // Those under the age are all of that gender less those at it or over.
    ...bornTerms(key('men'), `${family}:${Gender.MALE}`, null),
    ...bornTerms(key('men50AndOver'), `${family}:${Gender.MALE}`, context.born50),
    ...bornTerms(key('women'), `${family}:${Gender.FEMALE}`, null),
    ...bornTerms(key('women40AndOver'), `${family}:${Gender.FEMALE}`, context.born40),
    ...Object.values(Education).map((education) => plainTerm(key(education), `${family}:edu:${education}`)),
    ...CAUSES.map((cause) => plainTerm(key(`cause:${cause}`), `${family}:cause:${cause}`)),
  ];
}

function hardshipFrom(sums: CellSums | undefined, band: Band): HardshipStats {
  const value = (name: string) => countOf(sums, `${band}:${name}`);
  return {
    total: value('total'),
    menUnder50: value('men') - value('men50AndOver'),
    men50AndOver: value('men50AndOver'),
    womenUnder40: value('women') - value('women40AndOver'),
    women40AndOver: value('women40AndOver'),
    juniorHighOrBelow: value(Education.JUNIOR_HIGH_OR_BELOW),
    highSchool: value(Education.HIGH_SCHOOL),
    collegeOrAbove: value(Education.COLLEGE_OR_ABOVE),
    byCause: CAUSES.map((cause) => ({ cause, workers: value(`cause:${cause}`) })),
  };
}

const WORKER_TERMS = [plainTerm('orgs', 'orgs'), ...['workers', 'members', 'migrant', 'model'].map((family) => plainTerm(family, family))];

export interface SubtreeFigures {
  orgCount: number;
  workers: WorkerStats;
}

export class RollupService {
  constructor(private readonly cells: CellReader) {}

  /** The figures of each subtree from the rollup cells, read with the request's other sums. */
  async figures(caller: Caller, paths: readonly string[]): Promise<Map<string, SubtreeFigures>> {
    const orgs = readableSubtrees(caller, 'Worker', paths);
    const context = await this.cells.context();
    const sums = new Map<number, CellSums>();
    // The hardship line is per municipality: one set of terms for each tree among the subtrees.
    const trees = [...new Set(orgs.map((org) => rootIdOf(org.path)))].map((root) => {
      const line = context.lines.get(root);
      const mine = orgs.filter((org) => rootIdOf(org.path) === root);
      const terms = [
        ...WORKER_TERMS,
        ...(line === undefined ? [] : [...hardshipTerms('hardship', line, context), ...hardshipTerms('extreme', line, context)]),
      ];
      return this.cells.sum(mine, terms);
    });
    for (const tree of await Promise.all(trees)) for (const [id, cells] of tree) sums.set(id, cells);
    const visibleOrgs = new Set(readableSubtrees(caller, 'Org', paths).map((org) => org.path));
    const result = new Map<string, SubtreeFigures>();
    for (const path of paths) {
      const cells = sums.get(orgIdOf(path));
      result.set(path, {
        orgCount: visibleOrgs.has(path) ? countOf(cells, 'orgs') : 0,
        workers: {
          total: countOf(cells, 'workers'),
          members: countOf(cells, 'members'),
          migrantWorkers: countOf(cells, 'migrant'),
          modelWorkers: countOf(cells, 'model'),
          hardship: hardshipFrom(cells, 'hardship'),
          extremeHardship: hardshipFrom(cells, 'extreme'),
        },
      });
    }
    return result;
  }
}
