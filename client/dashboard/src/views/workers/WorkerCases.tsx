import type { DashboardWorkerArchiveQuery } from '../../../../sdk';
import { formatYuan } from '../../format';
import { CASE_STATUS, PROGRAMME } from '../../terms';
import { dayOf } from '../../dates';
import { caseDetails } from '../cases/details';
import { Optional } from './personal';

type Case = NonNullable<DashboardWorkerArchiveQuery['worker']>['assistanceCases'][number];

// The API gives at most this many of a worker's cases, newest first.
const LATEST = 20;

/** The worker's assistance cases: programme, amount, where they stand; details read as in the queue. */
export function WorkerCases({ cases }: { cases: Case[] }) {
  return (
    <section className="panel" data-testid="worker-cases">
      <div className="panel-head">
        <h2>帮扶记录</h2>
        {cases.length >= LATEST && <span className="muted">仅显示最近 {LATEST} 件</span>}
      </div>
      {cases.length === 0 ? (
        <p className="muted">没有帮扶记录。</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>申请日期</th>
              <th>项目</th>
              <th>内容</th>
              <th className="num">金额（元）</th>
              <th>状态</th>
              <th>发放日期</th>
              <th>支付单位</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id} data-testid={`case-${c.id}`}>
                <td>{dayOf(c.appliedAt)}</td>
                <td>{PROGRAMME[c.programme]}</td>
                <td className="wrap">
                  {caseDetails(c) || <span className="muted">—</span>}
                  {c.status === 'REJECTED' && c.rejectReason && <span className="muted">（驳回：{c.rejectReason}）</span>}
                </td>
                <td className="num">{formatYuan(c.amount)}</td>
                <td>
                  <span className={`status status-${c.status.toLowerCase()}`}>{CASE_STATUS[c.status]}</span>
                </td>
                <td>
                  <Optional value={c.disbursedOn} />
                </td>
                <td>
                  <Optional value={c.payingOrg?.name} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
