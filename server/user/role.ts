import { registerEnumType } from 'type-graphql';

export enum Role {
  ADMIN = 'ADMIN',
  STAFF = 'STAFF',
  FINANCE = 'FINANCE',
  VIEWER = 'VIEWER',
}

registerEnumType(Role, {
  name: 'Role',
  valuesConfig: {
    ADMIN: { description: 'Manages the org subtree: orgs, users, workers, archives, money' },
    STAFF: { description: '帮扶中心: assistance-centre staff; workers, archives, applications' },
    FINANCE: { description: 'Income, allocations, approvals and payments; personal data masked' },
    VIEWER: { description: 'Reads the subtree; personal data masked' },
  },
});
