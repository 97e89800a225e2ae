import type { ModuleRules } from '../permissions/ability';
import { rootIdOf } from '../permissions/paths';
import { OrgLevel } from '../org/org-level';
import { Role } from '../user/role';

// Archives follow the worker: ADMIN and STAFF keep them and read incomes and illnesses; FINANCE
// and VIEWER see them with those masked. The lines of a municipality are read by its whole tree
// and set by the municipal ADMIN.
export const hardshipRules: ModuleRules = ({ can }, { role, orgPath, orgLevel }, scope) => {
  can('read', 'HardshipArchive', scope);
  if (role === Role.ADMIN || role === Role.STAFF) can(['create', 'update', 'readPersonalData'], 'HardshipArchive', scope);
  // CASL types string subjects' conditions as never; the matcher and scope-sql know rootId.
  const sameTree = { rootId: rootIdOf(orgPath) } as never;
  can('read', 'HardshipLine', sameTree);
  if (role === Role.ADMIN && orgLevel === OrgLevel.MUNICIPAL) can('create', 'HardshipLine', sameTree);
};
