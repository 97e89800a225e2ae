import type { ModuleRules } from '../permissions/ability';
import { Role } from '../user/role';

// An ADMIN hands out any role, its own included, at orgs of its subtree, and sees who holds them.
export const userRules: ModuleRules = ({ can }, { role }, scope) => {
  if (role === Role.ADMIN) can(['read', 'assign'], 'RoleAssignment', scope);
};
