import type { ImportView } from '../../../../sdk';
import { formatMinute } from '../../dates';
import { formatCount } from '../../format';
import { ImportProgress } from './ImportProgress';
import { ProblemTable } from './ProblemTable';
import { FILE_INPUT_ID } from './UploadForm';
import { finished, KIND, MODE, STATUS } from './words';

const OUTCOME: [key: keyof NonNullable<ImportView['outcome']>, label: string][] = [
  ['created', '新增'],
  ['updated', '更新'],
  ['unchanged', '未变'],
  ['rejected', '有误'],
  ['skipped', '跳过'],
];

/** One import: under way, its progress; ended, what it did, why not, and every problem. */
export function ImportResult({ view }: { view: ImportView }) {
  const ended = finished(view);
  return (
    <section className="panel import-result" data-testid="import-result" data-id={view.id}>
      <div className="panel-head">
        <h2>
          {KIND[view.kind]}：{view.fileName}
        </h2>
        <span className={`status import-status-${view.status.toLowerCase()}`} data-testid="import-status" data-status={view.status}>
          {STATUS[view.status]}
        </span>
      </div>
      <p className="muted import-meta">
        导入到 {view.org.name}（{view.org.code}） · {MODE[view.mode]} · {view.createdBy} 于 {formatMinute(view.createdAt)} 上传
        {ended && view.rowsRead > 0 && ` · 共读取 ${formatCount(view.rowsRead)} 行`}
      </p>
      {!ended ? (
        <ImportProgress view={view} />
      ) : (
        <>
          <Verdict view={view} />
          {view.outcome && <OutcomeCounts view={view} outcome={view.outcome} />}
          {view.ignoredColumns.length > 0 && (
            <p className="notice" data-testid="import-ignored">
              这些列不是模板中的列，没有读取：{view.ignoredColumns.join('、')}
            </p>
          )}
          {view.problemCount > 0 && <ProblemTable view={view} />}
        </>
      )}
    </section>
  );
}

/** What the ending means for the file, first: written, partly written, or not at all and why. */
function Verdict({ view }: { view: ImportView }) {
  const rows = view.outcome?.rejected ?? 0;
  const wrong = `${rows > 0 ? `有误 ${formatCount(rows)} 行，` : ''}共 ${formatCount(view.problemCount)} 处问题`;
  switch (view.status) {
    case 'DONE':
      return view.problemCount === 0 ? (
        <p className="verdict verdict-done">导入完成，全部数据已写入。</p>
      ) : (
        <p className="verdict verdict-partial">
          正确的行已导入；{wrong}，这些行<strong>没有导入</strong>。按下表改正后，可以只上传这些行再次导入。
        </p>
      );
    case 'REJECTED':
      return (
        <div className="verdict verdict-rejected" role="alert" data-testid="import-rejected">
          <strong>本次导入没有写入任何数据。</strong>
          {view.outcome ? `文件中${wrong}，整个文件都没有导入。` : '文件本身有问题，无法读取其中的数据。'}
          请按下表改正文件后重新上传整个文件：
          <label htmlFor={FILE_INPUT_ID} className="reupload">
            选择改正后的文件
          </label>
        </div>
      );
    case 'CHECKED':
      return (
        <p className="verdict verdict-checked">
          只做了检查，<strong>没有写入任何数据</strong>。
          {view.problemCount > 0
            ? `${wrong}，见下表；改正后再选择“全部正确才导入”上传。`
            : '没有发现问题，可以选择“全部正确才导入”正式导入。'}
        </p>
      );
    case 'FAILED':
      return (
        <div className="verdict verdict-rejected" role="alert" data-testid="import-failure">
          <strong>导入失败。</strong>
          {view.failure?.message ?? '本次导入没有写入任何数据，请稍后重新上传。'}
        </div>
      );
    default:
      return null;
  }
}

function OutcomeCounts({ view, outcome }: { view: ImportView; outcome: NonNullable<ImportView['outcome']> }) {
  return (
    <div className="outcome">
      <span className="outcome-caption muted">{view.status === 'DONE' ? '导入结果' : '检查结果（未写入）'}</span>
      {OUTCOME.map(([key, label]) => (
        <div
          key={key}
          className={`outcome-count${key === 'rejected' && outcome.rejected > 0 ? ' wrong' : ''}`}
          data-testid={`import-outcome-${key}`}
          data-value={outcome[key]}
        >
          <span className="label">{label}</span>
          <span className="value">{formatCount(outcome[key])}</span>
        </div>
      ))}
    </div>
  );
}
