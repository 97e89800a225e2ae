import { WorkersDocument } from '../../../sdk';
import { useQuery } from '../api';
import { describeError } from '../errors';
import { hrefOf } from '../route';
import { GENDER, HARDSHIP_LEVEL } from '../terms';
import type { ViewProps } from './types';

export function Workers({ org }: ViewProps) {
  const { data, error, loading } = useQuery(WorkersDocument, { orgId: org.id, first: 50 });
  if (loading) return <p className="muted">加载中…</p>;
  if (error || !data) return <p className="error">{error ? describeError(error) : '无数据'}</p>;
  return (
    <table className="data">
      <thead>
        <tr>
          <th>姓名</th>
          <th>性别</th>
          <th>身份证号</th>
          <th>困难类别</th>
        </tr>
      </thead>
      <tbody>
        {data.workers.edges.map(({ node }) => (
          <tr key={node.id}>
            <td>
              <a href={hrefOf({ orgCode: org.code, view: 'worker', workerId: node.id })}>{node.name}</a>
            </td>
            <td>{GENDER[node.gender]}</td>
            <td>{node.idNumber}</td>
            <td>{HARDSHIP_LEVEL[node.hardshipLevel]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
