import { OrgLevel } from '../org/org-level';
import type { ModuleRules } from '../permissions/ability';
import { rootIdOf } from '../permissions/paths';
import { Role } from '../user/role';
import { NamingLevel } from './harmonious-enums';

// Everyone reads the campaign of their subtree; its ADMIN keeps the enterprises' profiles,
// participations and scorecards. A naming at a level is made (and revoked) by the ADMIN of an org
// of that level above the enterprise; national and provincial namings are recorded by the
// municipal federation. The scorecard's weights are the municipal ADMIN's.
const NAMED_BY: Partial<Record<OrgLevel, NamingLevel[]>> = {
  [OrgLevel.MUNICIPAL]: [NamingLevel.NATIONAL, NamingLevel.PROVINCIAL, NamingLevel.MUNICIPAL],
  [OrgLevel.COUNTY]: [NamingLevel.COUNTY],
};

export const harmoniousRules: ModuleRules = ({ can }, { role, orgPath, orgLevel }, scope) => {
  can('read', ['EnterpriseProfile', 'HarmoniousParticipation', 'HarmoniousNaming'], scope);
  const sameTree = { rootId: rootIdOf(orgPath) } as never;
  can('read', 'HarmoniousScoring', sameTree);
  if (role !== Role.ADMIN) return;
  can(['create', 'update'], ['EnterpriseProfile', 'HarmoniousParticipation'], scope);
  const levels = NAMED_BY[orgLevel];
  if (levels) can(['create', 'update'], 'HarmoniousNaming', { ...scope, namingLevel: { $in: levels } } as never);
  if (orgLevel === OrgLevel.MUNICIPAL) can('update', 'HarmoniousScoring', sameTree);
};
