import type { ModuleRules } from '../permissions/ability';
import { Role } from '../user/role';

// Everyone reads the workers of their subtree; only ADMIN and STAFF register them and see their
// ID and phone numbers unmasked.
export const workerRules: ModuleRules = ({ can }, { role }, scope) => {
  can('read', 'Worker', scope);
  if (role === Role.ADMIN || role === Role.STAFF) can(['create', 'update', 'readPersonalData'], 'Worker', scope);
};
