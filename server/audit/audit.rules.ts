import type { ModuleRules } from '../permissions/ability';
import { Role } from '../user/role';

// The audit trail of a subtree is for those who oversee it: its ADMIN and VIEWER. Who read whose
// personal data (the access log) is its ADMIN's alone.
export const auditRules: ModuleRules = ({ can }, { role }, scope) => {
  if (role === Role.ADMIN || role === Role.VIEWER) can('read', 'AuditEntry', scope);
  if (role === Role.ADMIN) can('readAccessLog', 'AuditEntry', scope);
};
