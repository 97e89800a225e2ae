// 导出: the list under the current filter as an .xlsx.
import { useState } from 'react';
import { asGonghuiError } from '../../api';
import { describeError } from '../../errors';
import { formatCount } from '../../format';
import type { CaseFilter } from './CaseFilters';
import { EXPORT_LIMIT, exportCases } from './exportCases';

export function ExportCases(props: { org: { id: string; code: string; name: string }; filter: CaseFilter; total: number }) {
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const start = () => {
    setError(null);
    setProgress('准备中…');
    exportCases(props.org, props.filter, (read, total) => setProgress(`${formatCount(read)} / ${formatCount(total)}`)).then(
      () => setProgress(null),
      (thrown: unknown) => {
        setProgress(null);
        setError(describeError(asGonghuiError(thrown)));
      },
    );
  };
  return (
    <span className="export-cases">
      <button
        type="button"
        className="secondary"
        data-testid="export-cases"
        disabled={progress !== null || props.total === 0}
        onClick={start}
        title={
          props.total > EXPORT_LIMIT ? `超过 ${formatCount(EXPORT_LIMIT)} 件时只导出最新的 ${formatCount(EXPORT_LIMIT)} 件` : undefined
        }
      >
        {progress ? `导出中 ${progress}` : '导出 Excel'}
      </button>
      {error && <span className="error">{error}</span>}
    </span>
  );
}
