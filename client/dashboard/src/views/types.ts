import type { DashboardOrgQuery } from '../../../sdk';
import type { Access } from '../access';

export type SelectedOrg = NonNullable<DashboardOrgQuery['org']>;

/** What every view of an org gets: the org (with its breadcrumbs) and what the user may do there. */
export interface ViewProps {
  org: SelectedOrg;
  access: Access;
}
