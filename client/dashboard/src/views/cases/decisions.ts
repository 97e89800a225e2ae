// Who may take which decision on a case, as the server's rules decide it (server/assistance,
// server/funds): FINANCE or ADMIN at an org or above decide its cases and pay from its fund; nobody
// decides a case they applied for. The dashboard leaves out what the server would refuse.
import type { SignedInViewer } from '../../../../sdk';
import type { CaseRow } from './types';

/** Whether the viewer is FINANCE or ADMIN at one of these orgs (an org's path, root first). */
export function decidesAt(viewer: SignedInViewer, codesFromRoot: readonly string[]): boolean {
  return viewer.assignments.some((a) => (a.role === 'FINANCE' || a.role === 'ADMIN') && codesFromRoot.includes(a.org.code));
}

/** The username that applied for the case, from its history. */
export function applicantOf(row: CaseRow): string | undefined {
  return row.history.find((step) => step.status === 'APPLIED')?.by;
}

export function isOwnApplication(viewer: SignedInViewer, row: CaseRow): boolean {
  return applicantOf(row) === viewer.username;
}

/** Paying needs the right at the paying org or above; an org outside the scope is null here. */
export function mayPayFrom(viewer: SignedInViewer, row: CaseRow): boolean {
  const paying = row.payingOrg;
  return paying !== null && decidesAt(viewer, [...paying.ancestors.map((a) => a.code), paying.code]);
}
