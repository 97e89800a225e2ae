import type { ModuleRules } from '../permissions/ability';
import { Role } from '../user/role';

// Pairings follow the hardship worker: everyone reads them, ADMIN and STAFF make and end them.
export const pairingRules: ModuleRules = ({ can }, { role }, scope) => {
  can('read', 'Pairing', scope);
  if (role === Role.ADMIN || role === Role.STAFF) can(['create', 'update'], 'Pairing', scope);
};
