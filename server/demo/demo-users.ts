import { Role } from '../user/role';

/** Every demo user has this password; they exist only when the demo data is loaded. */
export const DEMO_PASSWORD = 'gonghui-demo';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  orgCode: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'sf.admin', displayName: '示范市总工会管理员', role: Role.ADMIN, orgCode: 'SF' },
  { username: 'sf.viewer', displayName: '示范市总工会查询员', role: Role.VIEWER, orgCode: 'SF' },
  { username: 'sf01.admin', displayName: '道里区总工会管理员', role: Role.ADMIN, orgCode: 'SF01' },
  { username: 'sf01.staff', displayName: '道里区帮扶中心工作人员', role: Role.STAFF, orgCode: 'SF01' },
  { username: 'sf01.finance', displayName: '道里区总工会财务', role: Role.FINANCE, orgCode: 'SF01' },
  { username: 'sf02.admin', displayName: '松江区总工会管理员', role: Role.ADMIN, orgCode: 'SF02' },
  { username: 'sf01-01.admin', displayName: '新阳路街道工会管理员', role: Role.ADMIN, orgCode: 'SF01-01' },
  { username: 'sf01-01-001.admin', displayName: '宏达机械工会管理员', role: Role.ADMIN, orgCode: 'SF01-01-001' },
];
