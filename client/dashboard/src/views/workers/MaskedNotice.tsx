import type { Access } from '../../access';
import { ROLE } from '../../terms';

/** Tells a role without personal-data rights why numbers look the way they do. */
export function MaskedNotice({ access, masked, what }: { access: Access; masked: boolean; what: string }) {
  if (!masked) return null;
  const roles = access.roles.map((role) => ROLE[role]).join('、');
  return (
    <p className="masked-notice" data-testid="masked-notice">
      身份证号和手机号已脱敏{what}。<span className="muted">（您的角色：{roles || '无'}；完整信息仅管理员和帮扶中心可查看）</span>
    </p>
  );
}
