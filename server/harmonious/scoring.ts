import { Criterion } from './harmonious-enums';

export type Weights = Record<Criterion, number>;

/** Used until a municipality sets its own: out of 100; only 厂务公开 may be missed and still pass. */
export const DEFAULT_WEIGHTS: Weights = {
  COLLECTIVE_CONTRACT: 20,
  WAGE_BARGAINING: 20,
  WORKERS_CONGRESS: 15,
  FACTORY_AFFAIRS_OPENNESS: 10,
  NO_WAGE_ARREARS: 20,
  SAFE_PRODUCTION: 15,
};
export const DEFAULT_PASS_MARK = 90;

/** The score is the sum of the weights of the criteria met. */
export function scoreOf(met: ReadonlySet<Criterion>, weights: Weights): number {
  return Object.values(Criterion).reduce((sum, criterion) => sum + (met.has(criterion) ? weights[criterion] : 0), 0);
}
