// 导入: worker rosters and hardship archives from spreadsheets. ADMIN and STAFF upload a file;
// the server checks every row first and the view shows its progress, then what was written or
// why nothing was, and every problem by row and column.
import { api, useLoad } from '../api';
import { ErrorLine } from '../components/ErrorLine';
import { HISTORY_SIZE, ImportHistory } from './imports/ImportHistory';
import { ImportResult } from './imports/ImportResult';
import { UploadProgress } from './imports/ImportProgress';
import { UploadForm } from './imports/UploadForm';
import { useImport, type Followed } from './imports/useImport';
import type { SelectedOrg, ViewProps } from './types';
import './lists.css';
import './imports/imports.css';

export function Imports({ org, access }: ViewProps) {
  // The tab is not offered, but an address can still lead here.
  if (!access.imports)
    return (
      <section className="not-found" role="alert" data-testid="imports-forbidden">
        <h2>无权导入</h2>
        <p>只有本组织或上级工会的管理员、帮扶中心可以导入职工名册和困难职工档案。</p>
      </section>
    );
  // Another org starts with nothing open.
  return <ImportPage key={org.id} org={org} />;
}

const loadHistory = (orgCode: string) => api.imports.list(orgCode, HISTORY_SIZE);

function ImportPage({ org }: { org: SelectedOrg }) {
  const history = useLoad(loadHistory, org.code);
  const current = useImport(org.code, history.reload);
  return (
    <div className="imports-view" data-testid="imports-view">
      <UploadForm org={org} busy={current.busy} onUpload={(kind, file, mode) => void current.upload(kind, file, mode)} />
      <Current state={current.state} onRetry={current.open} />
      <ImportHistory orgCode={org.code} history={history} openId={current.openId} onOpen={current.open} />
    </div>
  );
}

function Current({ state, onRetry }: { state: Followed; onRetry: (id: string) => void }) {
  switch (state.phase) {
    case 'idle':
      return null;
    case 'uploading':
      return (
        <section className="panel import-result">
          <UploadProgress fileName={state.fileName} />
        </section>
      );
    case 'opening':
      return <p className="panel muted">加载中…</p>;
    case 'following':
      return <ImportResult key={state.view.id} view={state.view} />;
    case 'failed':
      return (
        <section className="panel import-result" data-testid="import-error">
          {state.id ? (
            <ErrorLine message={state.message} onRetry={() => onRetry(state.id!)} />
          ) : (
            <p className="error" role="alert">
              {state.message}
            </p>
          )}
        </section>
      );
  }
}
