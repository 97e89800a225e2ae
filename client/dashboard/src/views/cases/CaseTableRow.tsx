// One case in the queue; its history unfolds beneath it, and so does a refused decision.
import type { GonghuiError, SignedInViewer } from '../../../../sdk';
import { formatYuan } from '../../format';
import { hrefOf } from '../../route';
import { CASE_STATUS, PROGRAMME } from '../../terms';
import { CaseActions } from './CaseActions';
import { CaseHistory } from './CaseHistory';
import { formatMinute } from '../../dates';
import { caseDetails } from './details';
import { describeCaseError } from './reasons';
import type { CaseRow, Decision } from './types';

export interface RowState {
  expanded: boolean;
  busy: boolean;
  /** Set when the row shows the server's answer to a decision taken here. */
  decided: boolean;
  error: GonghuiError | undefined;
  retry: boolean;
}

export function CaseTableRow(props: {
  row: CaseRow;
  state: RowState;
  /** Null when the viewer only reads the queue: no column of actions. */
  viewer: SignedInViewer | null;
  columns: number;
  onToggle: () => void;
  onDecide: (decision: Decision) => void;
}) {
  const { row, state, viewer } = props;
  const details = caseDetails(row);
  return (
    <>
      <tr data-testid={`case-${row.id}`} data-status={row.status} className={state.decided ? 'case-row decided' : 'case-row'}>
        <td className="toggle-cell">
          <button
            type="button"
            className="link expand"
            data-testid={`expand-${row.id}`}
            aria-expanded={state.expanded}
            aria-label={state.expanded ? '收起办理记录' : '展开办理记录'}
            onClick={props.onToggle}
          >
            {state.expanded ? '▾' : '▸'}
          </button>
        </td>
        <td className="muted case-id">{row.id}</td>
        <td className="worker">
          <a href={hrefOf({ orgCode: row.worker.org.code, view: 'worker', workerId: row.worker.id })}>{row.worker.name}</a>
          <div className="sub muted" title={row.worker.org.code}>
            {row.worker.org.name}
          </div>
        </td>
        <td>{PROGRAMME[row.programme]}</td>
        <td className="details">{details || <span className="muted">—</span>}</td>
        <td className="num">{formatYuan(row.amount)}</td>
        <td className="muted">{formatMinute(row.appliedAt)}</td>
        <td>
          <span className={`status status-${row.status.toLowerCase()}`}>{CASE_STATUS[row.status]}</span>
          {state.decided && <div className="sub done">刚刚办理</div>}
          {row.status === 'REJECTED' && row.rejectReason && (
            <div className="sub muted reason" title={row.rejectReason}>
              {row.rejectReason}
            </div>
          )}
        </td>
        <td className="paying">
          {row.payingOrg ? (
            <span title={row.payingOrg.code}>{row.payingOrg.name}</span>
          ) : row.status === 'APPROVED' || row.status === 'DISBURSED' ? (
            <span className="muted">管辖范围外的上级工会</span>
          ) : (
            <span className="muted">—</span>
          )}
          {row.disbursedOn && <div className="sub muted">发放于 {row.disbursedOn}</div>}
        </td>
        {viewer && (
          <td className="actions-cell">
            <CaseActions row={row} viewer={viewer} busy={state.busy} retry={state.retry} onDecide={props.onDecide} />
          </td>
        )}
      </tr>
      {state.error && (
        <tr className="case-error-row">
          <td colSpan={props.columns}>
            <p className="error" role="alert" data-testid={`case-error-${row.id}`}>
              案件 {row.id}：{describeCaseError(state.error)}
            </p>
            {state.retry && (
              <p className="muted">未收到服务器答复，付款是否成功尚不可知。请点击「重新发放」：将以同一付款凭据提交，不会重复付款。</p>
            )}
          </td>
        </tr>
      )}
      {state.expanded && (
        <tr className="case-history-row">
          <td colSpan={props.columns}>
            <CaseHistory row={row} />
          </td>
        </tr>
      )}
    </>
  );
}
