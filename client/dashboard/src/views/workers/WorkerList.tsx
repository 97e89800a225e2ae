import { useState } from 'react';
import { Pager } from '../../components/Pager';
import { describeError } from '../../errors';
import type { ViewProps } from '../types';
import { ErrorLine } from '../../components/ErrorLine';
import { ExportControls, ExportOutcome } from './ExportWorkers';
import { IdNumberLookup } from './IdNumberLookup';
import { LookupResult } from './LookupResult';
import { MaskedNotice } from './MaskedNotice';
import { PAGE_SIZES, usePagedWorkers } from './usePagedWorkers';
import { useWorkerExport } from './useWorkerExport';
import { WorkerTable } from './WorkerTable';

export function WorkerList({ org, access }: ViewProps) {
  const paged = usePagedWorkers(org.id);
  const [lookup, setLookup] = useState<string>();
  const connection = paged.connection;
  const masked = !access.readsPersonalData;
  const exporting = useWorkerExport(org, connection?.totalCount ?? 0, masked);
  return (
    <section className="workers-view">
      <div className="toolbar">
        <h2>职工名单</h2>
        <span className="muted">本组织及全部下级组织登记的职工</span>
        <span className="toolbar-end">
          {access.readsPersonalData && <IdNumberLookup onLookup={setLookup} />}
          {connection && <ExportControls state={exporting.state} onStart={() => void exporting.start()} onCancel={exporting.cancel} />}
        </span>
      </div>
      <ExportOutcome state={exporting.state} />
      <MaskedNotice access={access} masked={masked} what="，出生日期不予显示" />
      {lookup ? (
        <LookupResult key={lookup} orgId={org.id} orgCode={org.code} idNumber={lookup} onClose={() => setLookup(undefined)} />
      ) : (
        <>
          {paged.error && <ErrorLine message={describeError(paged.error)} onRetry={paged.reload} />}
          {!connection && paged.loading && <p className="muted">加载中…</p>}
          {connection && (
            <>
              <Pager
                page={paged.page}
                total={connection.totalCount}
                unit="人"
                pageSize={paged.pageSize}
                hasNext={paged.hasNext}
                loading={paged.loading}
                onPrevious={paged.previous}
                onNext={paged.next}
                pageSizes={PAGE_SIZES}
                onPageSize={paged.changePageSize}
                testIds={{ page: 'workers-page', total: 'workers-total' }}
              />
              {/* A page that failed is not replaced by the one before it under the new page's number. */}
              {!paged.error && (
                <WorkerTable orgCode={org.code} workers={connection.edges.map((edge) => edge.node)} dimmed={paged.loading} />
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
