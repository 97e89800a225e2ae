import type { ModuleRules } from '../permissions/ability';
import { Role } from '../user/role';

// Imports write workers and archives, so those who register them (ADMIN and STAFF) import into
// their subtree and read its imports, whose problems show masked ID numbers and cell values.
export const importRules: ModuleRules = ({ can }, { role }, scope) => {
  if (role === Role.ADMIN || role === Role.STAFF) can(['create', 'read'], 'Import', scope);
};
