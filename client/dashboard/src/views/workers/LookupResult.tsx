import { DashboardWorkerByIdNumberDocument } from '../../../../sdk';
import { useQuery } from '../../api';
import { describeError } from '../../errors';
import { ErrorLine } from '../../components/ErrorLine';
import { WorkerTable } from './WorkerTable';

/** The one worker of an ID number in the subtree, in the list's own table. */
export function LookupResult({
  orgId,
  orgCode,
  idNumber,
  onClose,
}: {
  orgId: string;
  orgCode: string;
  idNumber: string;
  onClose: () => void;
}) {
  const { data, error, loading, reload } = useQuery(DashboardWorkerByIdNumberDocument, { orgId, idNumber });
  const workers = data?.workers.edges.map((edge) => edge.node) ?? [];
  return (
    <section className="lookup-result" data-testid="lookup-result">
      <div className="pager">
        <span>
          身份证号 <code>{idNumber}</code> 的查找结果
        </span>
        <span className="pager-actions">
          <button type="button" className="secondary" onClick={onClose}>
            返回名单
          </button>
        </span>
      </div>
      {loading && <p className="muted">查找中…</p>}
      {error && <ErrorLine message={describeError(error)} onRetry={reload} />}
      {data && workers.length === 0 && <p className="muted">本组织及下级没有登记该身份证号的职工。</p>}
      {workers.length > 0 && <WorkerTable orgCode={orgCode} workers={workers} />}
    </section>
  );
}
