// The funds an approval may name: the worker's org and its ancestors, those the viewer may approve
// payments from (FINANCE or ADMIN there or above). The chain comes bottom-up; parents outside the
// viewer's scope arrive as null and end it.
import type { DashboardCasePayingOrgsQuery, DashboardPayingOrgFieldsFragment, SignedInViewer } from '../../../../sdk';
import { decidesAt } from './decisions';

type WorkerOrg = NonNullable<DashboardCasePayingOrgsQuery['assistanceCase']>['worker']['org'];
type ChainLink = DashboardPayingOrgFieldsFragment & { parent?: ChainLink | null };

export function payingOrgChoices(viewer: SignedInViewer, workerOrg: WorkerOrg): DashboardPayingOrgFieldsFragment[] {
  const chain: DashboardPayingOrgFieldsFragment[] = [];
  for (let org: ChainLink | null | undefined = workerOrg; org; org = org.parent) chain.push(org);
  const codesFromRoot = [...workerOrg.ancestors.map((a) => a.code), workerOrg.code];
  return chain.filter((org) => decidesAt(viewer, codesFromRoot.slice(0, codesFromRoot.indexOf(org.code) + 1)));
}

/** The viewer's own org where it is one of the choices (the nearest to the worker), else the worker's org. */
export function defaultPayingOrg(viewer: SignedInViewer, choices: DashboardPayingOrgFieldsFragment[]): string | undefined {
  const own = choices.find((org) => decidesAt(viewer, [org.code]));
  return (own ?? choices[0])?.id;
}
