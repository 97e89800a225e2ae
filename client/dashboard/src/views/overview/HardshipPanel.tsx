import { useMemo } from 'react';
import { Chart, type ChartOption } from '../../components/Chart';
import { downloadXlsx, type ExportColumn } from '../../export/xlsx';
import { formatCount } from '../../format';
import type { SelectedOrg } from '../types';
import { axisIndexOf, CATEGORY_AXIS, COLOURS, COUNT_AXIS, countLabel, GRID, LEGEND, TEXT_STYLE, TOOLTIP, tooltipRows } from './chart-style';
import { exportDate, exportFileName } from './dates';
import { ExportButton } from './ExportButton';
import { hardshipBreakdowns, type Breakdown, type BreakdownRow } from './hardship-breakdowns';
import type { OrgRollup } from './types';

/** 困难职工构成: by cohort, education and cause, hardship beside extreme. */
export function HardshipPanel({ org, rollup }: { org: SelectedOrg; rollup: OrgRollup }) {
  const { hardship, extremeHardship } = rollup.workers;
  const breakdowns = useMemo(() => hardshipBreakdowns(hardship, extremeHardship), [hardship, extremeHardship]);
  return (
    <section className="panel">
      <div className="panel-head">
        <div>
          <h2>困难职工构成</h2>
          <p className="panel-note">
            困难职工 {formatCount(hardship.total)} 人（含特困职工 {formatCount(extremeHardship.total)} 人）
          </p>
        </div>
        <ExportButton testId="export-hardship" onExport={() => exportHardship(org, breakdowns)} />
      </div>
      {hardship.total === 0 ? (
        <p className="empty">本组织及下级没有在档困难职工。</p>
      ) : (
        <div className="overview-charts">
          {breakdowns.map((breakdown) => (
            <BreakdownChart key={breakdown.key} breakdown={breakdown} />
          ))}
        </div>
      )}
      {hardship.total > 0 && <p className="footnote">致困原因按在档档案计，一人可有多项原因，各项之和可大于人数。</p>}
    </section>
  );
}

function BreakdownChart({ breakdown }: { breakdown: Breakdown }) {
  const option = useMemo(() => breakdownOption(breakdown), [breakdown]);
  const height = breakdown.key === 'cause' ? 300 : 260;
  return (
    <figure className="chart-box">
      <figcaption>{breakdown.title}</figcaption>
      <Chart option={option} height={height} label={`困难职工${breakdown.title}`} />
    </figure>
  );
}

function breakdownOption({ key, rows }: Breakdown): ChartOption {
  // Causes have long names: their bars lie down.
  const horizontal = key === 'cause';
  // A horizontal axis counts from the bottom: reversed, the first row stays on top.
  const ordered = horizontal ? [...rows].reverse() : rows;
  const categoryAxis = { ...CATEGORY_AXIS, data: ordered.map((row) => row.label) };
  const values = (pick: (row: BreakdownRow) => number) => ordered.map(pick);
  const series = [
    { name: '困难职工', colour: COLOURS.hardship, data: values((row) => row.hardship) },
    { name: '其中特困职工', colour: COLOURS.extreme, data: values((row) => row.extreme) },
  ];
  return {
    textStyle: TEXT_STYLE,
    grid: GRID,
    legend: LEGEND,
    tooltip: {
      ...TOOLTIP,
      formatter: (params: unknown) => {
        const row = ordered[axisIndexOf(params)]!;
        return tooltipRows(row.label, [
          { colour: COLOURS.hardship, name: '困难职工', value: `${formatCount(row.hardship)} 人` },
          { colour: COLOURS.extreme, name: '其中特困职工', value: `${formatCount(row.extreme)} 人` },
        ]);
      },
    },
    xAxis: horizontal
      ? COUNT_AXIS
      : // "男性 50 岁以下" on two lines, so that four cohorts fit under their bars.
        { ...categoryAxis, axisLabel: { ...CATEGORY_AXIS.axisLabel, interval: 0, formatter: (label: string) => label.replace(' ', '\n') } },
    yAxis: horizontal ? categoryAxis : COUNT_AXIS,
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.data,
      itemStyle: { color: s.colour, borderRadius: horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0] },
      barGap: '10%',
      barMaxWidth: 28,
      label: { show: true, position: horizontal ? 'right' : 'top', color: COLOURS.muted, fontSize: 11, formatter: countLabel },
    })),
  };
}

function exportColumns(category: string): ExportColumn<BreakdownRow>[] {
  return [
    { header: category, kind: 'text', value: (row) => row.label },
    { header: '困难职工（含特困）', kind: 'count', value: (row) => row.hardship },
    { header: '特困职工', kind: 'count', value: (row) => row.extreme },
  ];
}

async function exportHardship(org: SelectedOrg, breakdowns: Breakdown[]): Promise<void> {
  const date = exportDate(new Date());
  await downloadXlsx(
    exportFileName(org, '困难职工构成'),
    breakdowns.map((breakdown) => ({
      name: breakdown.title,
      title: `${org.name}（${org.code}）困难职工${breakdown.title} · ${date}`,
      columns: exportColumns(breakdown.category),
      rows: breakdown.total ? [...breakdown.rows, breakdown.total] : breakdown.rows,
    })),
  );
}
