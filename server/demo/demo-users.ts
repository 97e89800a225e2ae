import { Role } from '../user/role';
import { COUNTIES } from './names';

/** Every demo user has this password; they exist only when the demo data is loaded. */
export const DEMO_PASSWORD = 'gonghui-demo';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  orgCode: string;
}

/** Each county's assistance centre (帮扶中心): a staff member who takes applications, and the fund's finance officer. */
const ASSISTANCE_CENTRES: readonly DemoUser[] = COUNTIES.slice(1).flatMap((county, i) => {
  const code = `SF${String(i + 2).padStart(2, '0')}`;
  return [
    { username: `${code.toLowerCase()}.staff`, displayName: `${county.name}帮扶中心工作人员`, role: Role.STAFF, orgCode: code },
    { username: `${code.toLowerCase()}.finance`, displayName: `${county.name}总工会财务`, role: Role.FINANCE, orgCode: code },
  ];
});

/** Admins of SF03 to SF12 (SF01's and SF02's are listed below): they assess their enterprises and name them at county level. */
const COUNTY_ADMINS: readonly DemoUser[] = COUNTIES.slice(2).map((county, i) => {
  const code = `SF${String(i + 3).padStart(2, '0')}`;
  return { username: `${code.toLowerCase()}.admin`, displayName: `${county.name}总工会管理员`, role: Role.ADMIN, orgCode: code };
});

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'sf.admin', displayName: '示范市总工会管理员', role: Role.ADMIN, orgCode: 'SF' },
  { username: 'sf.viewer', displayName: '示范市总工会查询员', role: Role.VIEWER, orgCode: 'SF' },
  { username: 'sf01.admin', displayName: '道里区总工会管理员', role: Role.ADMIN, orgCode: 'SF01' },
  { username: 'sf01.staff', displayName: '道里区帮扶中心工作人员', role: Role.STAFF, orgCode: 'SF01' },
  { username: 'sf01.finance', displayName: '道里区总工会财务', role: Role.FINANCE, orgCode: 'SF01' },
  { username: 'sf02.admin', displayName: '松江区总工会管理员', role: Role.ADMIN, orgCode: 'SF02' },
  { username: 'sf01-01.admin', displayName: '新阳路街道工会管理员', role: Role.ADMIN, orgCode: 'SF01-01' },
  { username: 'sf01-01-001.admin', displayName: '宏达机械工会管理员', role: Role.ADMIN, orgCode: 'SF01-01-001' },
  // The municipal fund's finance officer and the other eleven assistance centres.
  { username: 'sf.finance', displayName: '示范市总工会财务', role: Role.FINANCE, orgCode: 'SF' },
  ...ASSISTANCE_CENTRES,
  // The admins of SF03 to SF12 (harmonious campaign: assessments and county-level namings).
  ...COUNTY_ADMINS,
];
