import { OrgRollupDocument } from '../../../sdk';
import { useQuery } from '../api';
import { describeError } from '../errors';
import { formatCount } from '../format';
import { hrefOf } from '../route';
import type { ViewProps } from './types';

export function Overview({ org }: ViewProps) {
  const { data, error, loading } = useQuery(OrgRollupDocument, { code: org.code });
  if (loading) return <p className="muted">加载中…</p>;
  if (error || !data?.org) return <p className="error">{error ? describeError(error) : '无数据'}</p>;
  const rollup = data.org.rollup;
  return (
    <section>
      <div className="cards">
        <Card label="工会组织" value={rollup.orgCount} testId="orgCount" />
        <Card label="职工" value={rollup.workers.total} testId="workers" />
        <Card label="会员" value={rollup.workers.members} testId="members" />
        <Card label="困难职工" value={rollup.workers.hardship.total} testId="hardship" />
        <Card label="特困职工" value={rollup.workers.extremeHardship.total} testId="extreme" />
      </div>
      <table className="data">
        <thead>
          <tr>
            <th>下级组织</th>
            <th>职工</th>
            <th>困难职工</th>
          </tr>
        </thead>
        <tbody>
          {rollup.byChild.map((child) => (
            <tr key={child.org.code}>
              <td>
                <a href={hrefOf({ orgCode: child.org.code, view: 'overview' })}>{child.org.name}</a>
              </td>
              <td className="num">{formatCount(child.workers.total)}</td>
              <td className="num">{formatCount(child.workers.hardship.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Card({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="card" data-testid={`figure-${testId}`}>
      <div className="label">{label}</div>
      <div className="value">{formatCount(value)}</div>
    </div>
  );
}
