// What the signed-in user may do at an org, from the roles they hold there or above it. The
// server decides; the dashboard only leaves out what would be refused.
import type { Role, SignedInViewer } from '../../sdk';

export interface Access {
  roles: Role[];
  /** ID and phone numbers, incomes, illnesses unmasked (ADMIN, STAFF). */
  readsPersonalData: boolean;
  /** Approve, reject and pay assistance cases (FINANCE, ADMIN). */
  decidesCases: boolean;
  /** Import worker rosters and hardship archives from spreadsheets (ADMIN, STAFF). */
  imports: boolean;
}

export function accessAt(viewer: SignedInViewer, orgCode: string, ancestorCodes: readonly string[]): Access {
  const reach = new Set([...ancestorCodes, orgCode]);
  const roles = [...new Set(viewer.assignments.filter((a) => reach.has(a.org.code)).map((a) => a.role))];
  return {
    roles,
    readsPersonalData: roles.includes('ADMIN') || roles.includes('STAFF'),
    decidesCases: roles.includes('ADMIN') || roles.includes('FINANCE'),
    imports: roles.includes('ADMIN') || roles.includes('STAFF'),
  };
}

/** Whether the user's scope reaches an org whose ancestors (root first) and own code are given. */
export function reaches(viewer: SignedInViewer, codesFromRoot: readonly string[]): boolean {
  return viewer.assignments.some((a) => codesFromRoot.includes(a.org.code));
}
