import type { ArchiveFieldsFragment } from '../../../../sdk';
import { formatYuan } from '../../format';
import { CAUSE, HARDSHIP_LEVEL } from '../../terms';
import { Optional, Personal } from './personal';

/** 一人一档: the open archive, or a line saying there is none. */
export function OpenArchive({ archive, readsPersonalData }: { archive: ArchiveFieldsFragment | null; readsPersonalData: boolean }) {
  if (!archive)
    return (
      <section className="panel">
        <h2>困难职工档案</h2>
        <p className="muted">该职工目前没有在档的困难职工档案。</p>
      </section>
    );
  const yuan = (money: string | null) => (
    <Personal value={money} readsPersonalData={readsPersonalData}>
      {money !== null && <span className="num">{formatYuan(money)} 元</span>}
    </Personal>
  );
  return (
    <section className="panel archive" data-testid="open-archive">
      <div className="panel-head">
        <h2>困难职工档案（一人一档）</h2>
        <span className="muted">建档日期 {archive.openedOn}</span>
      </div>
      <dl className="facts">
        <div>
          <dt>困难类别</dt>
          <dd>
            {archive.level === 'NONE' ? (
              <span className="muted">已高于困难线</span>
            ) : (
              <span className={`level level-${archive.level.toLowerCase()}`}>{HARDSHIP_LEVEL[archive.level]}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>家庭人口</dt>
          <dd>{archive.householdSize} 人</dd>
        </div>
        <div>
          <dt>家庭月收入</dt>
          <dd>{yuan(archive.householdMonthlyIncome)}</dd>
        </div>
        <div>
          <dt>人均月收入</dt>
          <dd data-testid="per-capita-income">{yuan(archive.perCapitaMonthlyIncome)}</dd>
        </div>
        <div className="wide">
          <dt>致困原因</dt>
          <dd>
            {archive.causes.length === 0 && <span className="muted">—</span>}
            {archive.causes.map((cause) => (
              <span key={cause} className="tag cause">
                {CAUSE[cause]}
              </span>
            ))}
          </dd>
        </div>
        <div className="wide">
          <dt>患病情况</dt>
          <dd>
            <Personal value={archive.illness} readsPersonalData={readsPersonalData} />
          </dd>
        </div>
        <div className="wide">
          <dt>收入来源</dt>
          <dd>
            <Personal value={archive.incomeSources} readsPersonalData={readsPersonalData} />
          </dd>
        </div>
        <div>
          <dt>技能特长</dt>
          <dd>
            <Optional value={archive.skills} />
          </dd>
        </div>
        <div>
          <dt>就业意向</dt>
          <dd>
            <Optional value={archive.jobWishes} />
          </dd>
        </div>
        <div className="full">
          <dt>帮扶计划（一户一策）</dt>
          <dd>
            <Optional value={archive.plan} />
          </dd>
        </div>
      </dl>
    </section>
  );
}
