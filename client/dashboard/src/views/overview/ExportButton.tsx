import { useState } from 'react';
import { GonghuiError } from '../../../../sdk';
import { describeError } from '../../errors';

/** 导出 Excel: busy while the workbook is built (exceljs loads on first use); a failure is said beside it. */
export function ExportButton({
  testId,
  label = '导出 Excel',
  onExport,
}: {
  testId: string;
  label?: string;
  onExport: () => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = () => {
    setBusy(true);
    setFailure(null);
    onExport().then(
      () => setBusy(false),
      (error: unknown) => {
        setBusy(false);
        // exceljs's own messages are English: only an API's failure is told in detail.
        setFailure(error instanceof GonghuiError ? `导出失败：${describeError(error)}` : '导出失败，请稍后再试');
      },
    );
  };
  return (
    <span className="export">
      {failure && (
        <span className="error" role="alert">
          {failure}
        </span>
      )}
      <button type="button" className="secondary" data-testid={testId} onClick={run} disabled={busy}>
        {busy ? '正在导出…' : label}
      </button>
    </span>
  );
}
