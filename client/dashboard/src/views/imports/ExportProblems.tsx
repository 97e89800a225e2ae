// 导出 Excel of every problem, not only the page on screen.
import { useState } from 'react';
import { GonghuiError, type ImportView } from '../../../../sdk';
import { describeError } from '../../errors';
import { formatCount } from '../../format';
import { EXPORT_LIMIT, exportProblems } from './exportProblems';

export function ExportProblems({ view }: { view: ImportView }) {
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const start = () => {
    setError(null);
    setProgress('准备中…');
    exportProblems(view, (read, total) => setProgress(`${formatCount(read)} / ${formatCount(total)}`)).then(
      () => setProgress(null),
      (thrown: unknown) => {
        setProgress(null);
        // exceljs's own messages are English: only an API's failure is told in detail.
        setError(thrown instanceof GonghuiError ? `导出失败：${describeError(thrown)}` : '导出失败，请稍后再试');
      },
    );
  };
  return (
    <span className="export-problems">
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
      <button
        type="button"
        className="secondary"
        data-testid="export-problems"
        disabled={progress !== null}
        onClick={start}
        title={
          view.problemCount > EXPORT_LIMIT ? `超过 ${formatCount(EXPORT_LIMIT)} 处时只导出前 ${formatCount(EXPORT_LIMIT)} 处` : undefined
        }
      >
        {progress ? `导出中 ${progress}` : '导出全部问题（Excel）'}
      </button>
    </span>
  );
}
