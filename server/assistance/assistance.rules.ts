import type { ModuleRules } from '../permissions/ability';
import { Role } from '../user/role';

// Cases follow the worker. ADMIN and STAFF (the assistance centre) apply and record outcomes and
// read the personal details (illness, the student's name); FINANCE and ADMIN approve or reject.
export const assistanceRules: ModuleRules = ({ can }, { role }, scope) => {
  can('read', 'AssistanceCase', scope);
  if (role === Role.ADMIN || role === Role.STAFF) can(['create', 'update', 'readPersonalData'], 'AssistanceCase', scope);
  if (role === Role.ADMIN || role === Role.FINANCE) can('approve', 'AssistanceCase', scope);
};
