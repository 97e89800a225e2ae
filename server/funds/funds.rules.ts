import type { ModuleRules } from '../permissions/ability';
import { Role } from '../user/role';

// Every role reads the funds of its subtree. FINANCE and ADMIN record income into any fund of
// their subtree, approve payments from it and pay them; an allocation is the giving org's own
// decision, so only FINANCE and ADMIN held at that very org make it.
export const fundRules: ModuleRules = ({ can }, { role, orgPath }, scope) => {
  can('read', 'Fund', scope);
  if (role === Role.FINANCE || role === Role.ADMIN) {
    can(['create', 'approve', 'disburse'], 'Fund', scope);
    can('allocate', 'Fund', { orgPath } as never);
  }
};
