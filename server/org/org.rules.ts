import type { ModuleRules } from '../permissions/ability';
import { Role } from '../user/role';

// Every role reads the orgs of its subtree; ADMIN creates, renames and moves them there.
export const orgRules: ModuleRules = ({ can }, { role }, scope) => {
  can('read', 'Org', scope);
  if (role === Role.ADMIN) can(['create', 'update', 'move'], 'Org', scope);
};
