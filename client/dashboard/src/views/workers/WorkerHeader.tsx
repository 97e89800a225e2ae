import type { DashboardWorkerArchiveQuery } from '../../../../sdk';
import { hrefOf } from '../../route';
import { EDUCATION, EMPLOYMENT, GENDER, HARDSHIP_LEVEL } from '../../terms';
import { Optional } from './personal';

type Worker = NonNullable<DashboardWorkerArchiveQuery['worker']>;

export function WorkerHeader({ worker }: { worker: Worker }) {
  return (
    <header className="panel worker-header">
      <div className="worker-name">
        <h2>{worker.name}</h2>
        {worker.hardshipLevel !== 'NONE' && (
          <span className={`level level-${worker.hardshipLevel.toLowerCase()}`}>{HARDSHIP_LEVEL[worker.hardshipLevel]}</span>
        )}
        {worker.isMember && <span className="tag">会员</span>}
        {worker.isMigrantWorker && <span className="tag">农民工</span>}
        {worker.isModelWorker && <span className="tag">劳模</span>}
      </div>
      <dl className="facts">
        <div>
          <dt>性别</dt>
          <dd>{GENDER[worker.gender]}</dd>
        </div>
        <div>
          <dt>出生日期</dt>
          <dd>
            <Optional value={worker.birthDate} />
          </dd>
        </div>
        <div>
          <dt>身份证号</dt>
          <dd className="mono">{worker.idNumber}</dd>
        </div>
        <div>
          <dt>手机</dt>
          <dd className="mono">
            <Optional value={worker.phone} />
          </dd>
        </div>
        <div>
          <dt>文化程度</dt>
          <dd>{EDUCATION[worker.education]}</dd>
        </div>
        <div>
          <dt>就业状况</dt>
          <dd>{EMPLOYMENT[worker.employmentStatus]}</dd>
        </div>
        <div className="wide">
          <dt>所在组织</dt>
          <dd>
            <a href={hrefOf({ orgCode: worker.org.code, view: 'overview' })}>{worker.org.name}</a>{' '}
            <span className="muted">{worker.org.code}</span>
          </dd>
        </div>
      </dl>
    </header>
  );
}
