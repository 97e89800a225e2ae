import { DashboardWorkerArchiveDocument } from '../../../sdk';
import { useQuery } from '../api';
import { describeError } from '../errors';
import { hrefOf } from '../route';
import type { ViewProps } from './types';
import { ArchiveHistory } from './workers/ArchiveHistory';
import { ErrorLine } from '../components/ErrorLine';
import { MaskedNotice } from './workers/MaskedNotice';
import { OpenArchive } from './workers/OpenArchive';
import { WorkerCases } from './workers/WorkerCases';
import { WorkerHeader } from './workers/WorkerHeader';
import './lists.css';
import './workers/workers.css';

/** 困难职工档案: one worker, the open archive (一人一档), its history and the latest assistance. */
export function WorkerArchive({ org, access, workerId }: ViewProps & { workerId: string }) {
  const { data, error, loading, reload } = useQuery(DashboardWorkerArchiveDocument, { id: workerId });
  const back = (
    <a className="back" href={hrefOf({ orgCode: org.code, view: 'workers' })}>
      ← 返回职工名单
    </a>
  );
  if (loading)
    return (
      <>
        {back}
        <p className="muted">加载中…</p>
      </>
    );
  if (error)
    return (
      <>
        {back}
        <ErrorLine message={describeError(error)} onRetry={reload} />
      </>
    );
  const worker = data?.worker;
  // Outside the scope answers as not existing: say both.
  if (!worker)
    return (
      <>
        {back}
        <section className="not-found" role="alert" data-testid="worker-not-found">
          <h2>找不到该职工，或不在您的管辖范围内</h2>
          <p className="muted">职工编号 {workerId}</p>
        </section>
      </>
    );
  const underOrg = worker.org.code === org.code || worker.org.ancestors.some((a) => a.code === org.code);
  // The server unmasks per worker; a birth date is given exactly when this worker's personal data is.
  const readsPersonalData = worker.birthDate !== null;
  return (
    <article className="worker-archive" data-testid="worker-archive">
      {back}
      {!underOrg && (
        <p className="masked-notice">
          该职工登记在<a href={hrefOf({ orgCode: worker.org.code, view: 'worker', workerId: worker.id })}>{worker.org.name}</a>
          ，不在{org.name}之下。
        </p>
      )}
      <MaskedNotice access={access} masked={!readsPersonalData} what="，家庭收入、患病情况等个人信息不予显示" />
      <WorkerHeader worker={worker} />
      <OpenArchive archive={worker.hardshipArchive} readsPersonalData={readsPersonalData} />
      <ArchiveHistory archives={worker.hardshipArchives} />
      <WorkerCases cases={worker.assistanceCases} />
    </article>
  );
}
