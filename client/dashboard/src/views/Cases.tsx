// 帮扶审批: the assistance cases of the org's subtree, a stage of the workflow at a time. FINANCE
// and ADMIN approve (naming the paying fund), reject and pay; the others read the queue.
import { useState } from 'react';
import { DashboardCasesDocument, type AssistanceStatus, type SignedInViewer } from '../../../sdk';
import { api, useQuery } from '../api';
import { ErrorLine } from '../components/ErrorLine';
import { Pager } from '../components/Pager';
import { describeError } from '../errors';
import { formatCount } from '../format';
import { useCursorPages } from '../paging';
import { CaseFilters, type CaseFilter } from './cases/CaseFilters';
import { CaseTable } from './cases/CaseTable';
import { DecisionDialog } from './cases/DecisionDialog';
import { ExportCases } from './cases/ExportCases';
import type { CaseRow, Decision } from './cases/types';
import { useDecisions } from './cases/useDecisions';
import type { ViewProps } from './types';
import './lists.css';
import './cases/cases.css';

const PAGE_SIZE = 50;
// Paid and rejected cases take no more decisions: their stages show no column of actions.
const CLOSED: (AssistanceStatus | null)[] = ['DISBURSED', 'REJECTED'];

export function Cases({ org, access }: ViewProps) {
  const viewer = api.session()?.viewer;
  if (!viewer) return null;
  // Another org starts on its first page with nothing decided.
  return <CaseQueue key={org.id} org={org} viewer={viewer} deciding={access.decidesCases} />;
}

function CaseQueue({ org, viewer, deciding }: { org: ViewProps['org']; viewer: SignedInViewer; deciding: boolean }) {
  const [filter, setFilter] = useState<CaseFilter>({ status: 'APPLIED', programme: null });
  const pages = useCursorPages();
  const [open, setOpen] = useState<{ row: CaseRow; decision: Decision } | null>(null);
  const decisions = useDecisions();
  const { data, error, loading, reload } = useQuery(DashboardCasesDocument, {
    orgId: org.id,
    status: filter.status,
    programme: filter.programme,
    first: PAGE_SIZE,
    after: pages.after,
  });
  const page = data?.assistanceCases;
  const rows = page?.edges.map((edge) => edge.node) ?? [];
  const decidedHere = rows.some((row) => decisions.answerFor(row));

  const refresh = () => {
    decisions.clear();
    reload();
  };
  const changeFilter = (next: CaseFilter) => {
    decisions.clear();
    setFilter(next);
    pages.reset();
  };

  return (
    <section className="panel cases-panel">
      <div className="panel-head">
        <h2>
          帮扶审批
          {page && (
            <span className="cases-total" data-testid="cases-total" data-value={page.totalCount}>
              共 {formatCount(page.totalCount)} 件
            </span>
          )}
        </h2>
        <div className="cases-tools">
          {!deciding && <span className="tag read-only">只读：审批与发放由财务或管理员办理</span>}
          <button type="button" className="secondary" data-testid="cases-refresh" onClick={refresh} disabled={loading}>
            刷新
          </button>
          {page && <ExportCases org={org} filter={filter} total={page.totalCount} />}
        </div>
      </div>
      <CaseFilters filter={filter} onChange={changeFilter} />
      {decidedHere && (
        <p className="notice" role="status">
          已办理的案件留在本页并显示办理结果；
          <button type="button" className="link" onClick={refresh}>
            刷新
          </button>
          后按当前筛选重新列出。
        </p>
      )}
      {error ? (
        <ErrorLine message={describeError(error)} onRetry={reload} />
      ) : !page ? (
        <p className="cases-state muted">加载中…</p>
      ) : rows.length === 0 ? (
        <p className="cases-state muted" data-testid="cases-empty">
          没有符合条件的帮扶案件。
        </p>
      ) : (
        <>
          <Pager
            page={pages.page}
            total={page.totalCount}
            unit="件"
            pageSize={PAGE_SIZE}
            hasNext={page.pageInfo.hasNextPage && Boolean(page.pageInfo.endCursor)}
            onPrevious={pages.previous}
            onNext={() => pages.next(page.pageInfo.endCursor)}
            testIds={{ previous: 'cases-previous', next: 'cases-next' }}
          />
          <CaseTable
            rows={rows}
            decisions={decisions}
            viewer={deciding && !CLOSED.includes(filter.status) ? viewer : null}
            onDecide={(row, decision) => setOpen({ row, decision })}
          />
        </>
      )}
      {open && (
        <DecisionDialog row={open.row} decision={open.decision} viewer={viewer} decisions={decisions} onClose={() => setOpen(null)} />
      )}
    </section>
  );
}
