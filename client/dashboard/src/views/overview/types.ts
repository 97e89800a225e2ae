import type { DashboardRollupQuery } from '../../../../sdk';

/** The selected org's rollup as DashboardRollup answers it. */
export type OrgRollup = NonNullable<DashboardRollupQuery['org']>['rollup'];

export type ChildRollup = OrgRollup['byChild'][number];
