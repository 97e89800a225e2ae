import { DashboardRollupDocument } from '../../../sdk';
import { useQuery } from '../api';
import { describeError } from '../errors';
import { ChildrenTable } from './overview/ChildrenTable';
import { FigureCards } from './overview/FigureCards';
import { FundsByYearPanel } from './overview/FundsByYearPanel';
import { FundsPanel } from './overview/FundsPanel';
import { HardshipPanel } from './overview/HardshipPanel';
import { HarmoniousPanel } from './overview/HarmoniousPanel';
import './overview/overview.css';
import type { ViewProps } from './types';

/** 汇总: the selected org's whole subtree in figures, charts and the table of its direct children. */
export function Overview({ org }: ViewProps) {
  // One request for the figures and every child's; the funds history asks on its own (it is slower at the root).
  const { data, error, loading, reload } = useQuery(DashboardRollupDocument, { code: org.code });
  const rollup = data?.org?.rollup;
  return (
    <div className="overview" key={org.code}>
      {loading && !rollup ? (
        <p className="muted overview-loading" role="status" data-testid="overview-loading">
          正在汇总 {org.name} 及其下级的数据…
        </p>
      ) : error ? (
        <div className="panel" role="alert" data-testid="overview-error">
          <p className="error">{describeError(error)}</p>
          <button type="button" className="secondary" onClick={reload}>
            重试
          </button>
        </div>
      ) : !rollup ? (
        <p className="error">没有取得 {org.name} 的汇总数据。</p>
      ) : (
        <>
          <FigureCards rollup={rollup} />
          {/* The children first where there are some: it is the table the level above works from. */}
          {rollup.byChild.length > 0 && <ChildrenTable org={org} rollup={rollup} />}
          <HardshipPanel org={org} rollup={rollup} />
          <FundsPanel org={org} rollup={rollup} />
          <FundsByYearPanel org={org} />
          <HarmoniousPanel org={org} rollup={rollup} />
          {rollup.byChild.length === 0 && <ChildrenTable org={org} rollup={rollup} />}
        </>
      )}
    </div>
  );
}
