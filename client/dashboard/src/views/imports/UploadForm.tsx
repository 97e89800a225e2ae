import { useState, type FormEvent } from 'react';
import { templatePath, type ImportKind, type ImportMode } from '../../../../sdk';
import type { SelectedOrg } from '../types';
import { KIND, KIND_NOTE, MODE, MODE_NOTE } from './words';

const KINDS: ImportKind[] = ['WORKERS', 'ARCHIVES'];
const MODES: ImportMode[] = ['ALL_OR_NOTHING', 'VALID_ROWS', 'CHECK_ONLY'];
/** The server's MAX_FILE_BYTES: a larger file is refused before it is sent. */
const MAX_BYTES = 64 * 1024 * 1024;

/** The file input's id: a REJECTED import's notice opens the chooser through a label for it. */
export const FILE_INPUT_ID = 'import-file';

// What can be told before sending: the server reads .xlsx and .csv and tells the rest (an old .xls too).
function fileProblem(file: File): string | undefined {
  if (/\.xls$/i.test(file.name)) return '这是旧版 Excel（.xls）文件：请在 Excel 中“另存为” .xlsx 后再上传';
  if (!/\.(xlsx|csv)$/i.test(file.name)) return '只能上传 .xlsx 或 .csv 文件';
  if (file.size > MAX_BYTES) return '文件超过 64 MB，请分成几个文件上传';
  return undefined;
}

const sizeOf = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** 上传: what the file holds (with its templates), the file, how strictly to import it. */
export function UploadForm(props: { org: SelectedOrg; busy: boolean; onUpload: (kind: ImportKind, file: File, mode: ImportMode) => void }) {
  const [kind, setKind] = useState<ImportKind>('WORKERS');
  const [mode, setMode] = useState<ImportMode>('ALL_OR_NOTHING');
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string>();
  // A fresh input after each upload: a corrected file is chosen again, even under the same name.
  const [inputKey, setInputKey] = useState(0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = file ? fileProblem(file) : '请先选择要上传的文件';
    setProblem(found);
    if (found || !file) return;
    props.onUpload(kind, file, mode);
    setFile(null);
    setInputKey((n) => n + 1);
  };

  return (
    <form className="panel upload-form" onSubmit={submit} data-testid="import-form">
      <div className="panel-head">
        <h2>从 Excel 导入</h2>
        <span className="muted">
          导入到 {props.org.name}（{props.org.code}）及其下级组织
        </span>
      </div>
      <div className="upload-steps">
        <fieldset data-testid="import-kind">
          <legend>1. 导入内容</legend>
          {KINDS.map((value) => (
            <label key={value} className={`choice${kind === value ? ' chosen' : ''}`}>
              <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
              <span>{KIND[value]}</span>
            </label>
          ))}
          <p className="muted note">{KIND_NOTE[kind]}</p>
          <p className="templates">
            下载模板：
            <a href={templatePath(kind, 'xlsx')} download data-testid="template-xlsx">
              Excel 模板（.xlsx）
            </a>
            <a href={templatePath(kind, 'csv')} download data-testid="template-csv">
              CSV 模板
            </a>
          </p>
        </fieldset>
        <fieldset>
          <legend>2. 选择文件</legend>
          {/* The browser's own file button speaks the browser's language: this one is Chinese. */}
          <label className="file-pick">
            <input
              key={inputKey}
              id={FILE_INPUT_ID}
              type="file"
              accept=".xlsx,.csv"
              className="visually-hidden"
              data-testid="import-file"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setProblem(undefined);
                // Chosen from a rejected import's notice further down: back to the button that sends it.
                event.target.form?.scrollIntoView({ block: 'nearest' });
              }}
            />
            <span className="file-button">选择文件</span>
            {file ? (
              <span className="file-name" data-testid="import-file-name">
                {file.name}
                <span className="muted">（{sizeOf(file.size)}）</span>
              </span>
            ) : (
              <span className="muted">未选择文件</span>
            )}
          </label>
          <p className="muted note">按模板填写的 .xlsx 或 .csv（UTF-8 或 GBK）文件，最大 64 MB、20 万行。</p>
        </fieldset>
        <fieldset data-testid="import-mode">
          <legend>3. 导入方式</legend>
          {MODES.map((value) => (
            <label key={value} className={`choice mode${mode === value ? ' chosen' : ''}`}>
              <input type="radio" name="mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
              <span>
                {MODE[value]}
                {value === 'ALL_OR_NOTHING' && <span className="muted">（默认）</span>}
                <span className="muted note">{MODE_NOTE[value]}</span>
              </span>
            </label>
          ))}
        </fieldset>
      </div>
      <div className="upload-actions">
        <button type="submit" data-testid="import-upload" disabled={props.busy}>
          {mode === 'CHECK_ONLY' ? '上传并检查' : '上传并导入'}
        </button>
        {props.busy && <span className="muted">正在处理上一个文件…</span>}
        {problem && (
          <span className="error" role="alert">
            {problem}
          </span>
        )}
      </div>
    </form>
  );
}
