import { useState } from 'react';

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
        setFailure(`导出失败：${error instanceof Error ? error.message : String(error)}`);
      },
    );
  };
  return (
    <span className="export">
      {failure && <span className="error">{failure}</span>}
      <button type="button" className="secondary" data-testid={testId} onClick={run} disabled={busy}>
        {busy ? '正在导出…' : label}
      </button>
    </span>
  );
}
