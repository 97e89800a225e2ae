// The API's reasons (extensions.reason) for refusing a decision on a case, in the words of a
// finance office; for any other reason, describeError's words for the code.
import type { GonghuiError } from '../../../../sdk';
import { describeError } from '../../errors';

const BY_REASON: Record<string, string> = {
  INSUFFICIENT_FUNDS: '付款单位经费余额不足，未发放',
  OWN_APPLICATION: '申请人不得审批或驳回本人提交的申请',
  CASE_NOT_APPLIED: '该申请已被处理，不再待审批',
  CASE_CLOSED: '该案件已办结，不能驳回',
  CASE_NOT_APPROVED: '该案件尚未审批，不能发放',
  CASE_REJECTED: '该案件已被驳回，不能发放',
  ALREADY_DISBURSED: '该案件已发放，未重复付款',
  PAYING_ORG_NOT_ABOVE: '付款单位须为职工所在工会或其上级工会',
  REASON_REQUIRED: '请填写驳回理由（不超过 500 字）',
  IDEMPOTENCY_KEY_REUSED: '付款凭据已用于其他请求，请重新发放',
};

/** Failures after which nobody knows whether the payment went through: a retry uses the same key. */
export function outcomeUnknown(error: GonghuiError): boolean {
  return error.code === 'NETWORK_ERROR' || error.code === 'TIMEOUT' || error.code === 'INTERNAL_SERVER_ERROR';
}

export function describeCaseError(error: GonghuiError): string {
  const reason = error.reason ? BY_REASON[error.reason] : undefined;
  return reason ? `${reason}。${describeError(error)}` : describeError(error);
}
