import { WorkerDocument } from '../../../sdk';
import { useQuery } from '../api';
import { describeError } from '../errors';
import { CAUSE, HARDSHIP_LEVEL } from '../terms';
import type { ViewProps } from './types';

export function WorkerArchive({ workerId }: ViewProps & { workerId: string }) {
  const { data, error, loading } = useQuery(WorkerDocument, { id: workerId });
  if (loading) return <p className="muted">加载中…</p>;
  if (error) return <p className="error">{describeError(error)}</p>;
  const worker = data?.worker;
  if (!worker) return <p className="error">找不到该职工，或不在您的管辖范围内。</p>;
  const archive = worker.hardshipArchive;
  return (
    <section>
      <h2>{worker.name}</h2>
      <p>{HARDSHIP_LEVEL[worker.hardshipLevel]}</p>
      {archive && <p>困难原因：{archive.causes.map((cause) => CAUSE[cause]).join('、')}</p>}
    </section>
  );
}
