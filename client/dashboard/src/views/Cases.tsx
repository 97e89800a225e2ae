import { AssistanceCasesDocument } from '../../../sdk';
import { useQuery } from '../api';
import { describeError } from '../errors';
import { formatYuan } from '../format';
import { CASE_STATUS, PROGRAMME } from '../terms';
import type { ViewProps } from './types';

export function Cases({ org }: ViewProps) {
  const { data, error, loading } = useQuery(AssistanceCasesDocument, { orgId: org.id, status: 'APPLIED', first: 50 });
  if (loading) return <p className="muted">加载中…</p>;
  if (error || !data) return <p className="error">{error ? describeError(error) : '无数据'}</p>;
  return (
    <table className="data">
      <thead>
        <tr>
          <th>职工</th>
          <th>项目</th>
          <th>金额（元）</th>
          <th>状态</th>
        </tr>
      </thead>
      <tbody>
        {data.assistanceCases.edges.map(({ node }) => (
          <tr key={node.id}>
            <td>{node.worker.name}</td>
            <td>{PROGRAMME[node.programme]}</td>
            <td className="num">{formatYuan(node.amount)}</td>
            <td>{CASE_STATUS[node.status]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
