// 发放: the officer sees the amount, the fund that pays and what it holds before money moves.
import { DashboardCasePaymentDocument } from '../../../../sdk';
import { useQuery } from '../../api';
import { describeError } from '../../errors';
import { formatYuan } from '../../format';
import { CASE_STATUS } from '../../terms';
import { CaseSummary } from './CaseSummary';
import { Dialog } from './Dialog';
import { fenOf } from '../../money';
import type { CaseRow } from './types';

export function DisburseDialog(props: {
  row: CaseRow;
  /** The last payment of this case got no answer: this one repeats it under the same key. */
  retry: boolean;
  working: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { data, error, loading } = useQuery(DashboardCasePaymentDocument, { id: props.row.id });
  const found = data?.assistanceCase;
  const paying = found?.payingOrg;
  // After an unanswered payment the case may show as paid already: repeating it under the same
  // key fetches the first answer and moves no money.
  const paidBefore = props.retry && found?.status === 'DISBURSED';
  const payable = found?.status === 'APPROVED' || paidBefore;
  const amount = found?.amount ?? props.row.amount;
  const short = paying && !paidBefore ? fenOf(paying.fundBalance) < fenOf(amount) : false;
  const label = paidBefore ? '取回发放结果' : props.retry ? '重新提交发放' : `确认发放 ${formatYuan(amount)} 元`;
  return (
    <Dialog
      title="发放帮扶资金"
      confirmLabel={label}
      confirmDisabled={!payable || !paying}
      working={props.working}
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    >
      <CaseSummary row={found ?? props.row} />
      {loading && <p className="muted">正在读取付款单位的经费…</p>}
      {error && <p className="error">{describeError(error)}</p>}
      {data && !found && <p className="error">找不到该案件，或不在您的管辖范围内。</p>}
      {found && !payable && <p className="error">该案件已是「{CASE_STATUS[found.status]}」，不能发放；请刷新列表。</p>}
      {found && payable && !paying && <p className="error">付款单位不在您的管辖范围内，不能由您发放。</p>}
      {paidBefore && (
        <p className="notice" data-testid="paid-before">
          服务器记录显示该案件已于 {found.disbursedOn} 发放：上次的付款已成功。确认后以同一付款凭据取回该结果，不会再次付款。
        </p>
      )}
      {payable && !paidBefore && paying && (
        <div className="payment" data-testid="payment-summary">
          <p>
            由 <strong data-testid="payment-org">{paying.name}</strong> 工会经费支付{' '}
            <strong className="amount" data-testid="payment-amount">
              {formatYuan(amount)}
            </strong>{' '}
            元。
          </p>
          <p className={short ? 'error' : 'muted'}>
            该经费当前余额 {formatYuan(paying.fundBalance)} 元{short && '，不足以支付：发放将被拒绝，不会扣款'}。
          </p>
          {fenOf(amount) === 0n && <p className="muted">本项帮扶不涉及资金，确认后记为已发放（已提供服务）。</p>}
        </div>
      )}
      {props.retry && <p className="notice">上次发放未收到服务器答复。本次以同一付款凭据重新提交：若上次已付款，不会重复付款。</p>}
    </Dialog>
  );
}
