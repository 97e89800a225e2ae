import { useMemo } from 'react';
import { Chart, type ChartOption } from '../../components/Chart';
import { downloadXlsx, type ExportColumn } from '../../export/xlsx';
import { formatCount } from '../../format';
import { NAMING_LEVEL, OWNERSHIP } from '../../terms';
import type { SelectedOrg } from '../types';
import { axisIndexOf, CATEGORY_AXIS, COLOURS, COUNT_AXIS, countLabel, GRID, LEGEND, TEXT_STYLE, TOOLTIP, tooltipRows } from './chart-style';
import { exportDate, exportFileName } from './dates';
import { ExportButton } from './ExportButton';
import { anySheet } from './sheets';
import type { OrgRollup } from './types';

type Harmonious = OrgRollup['harmonious'];

interface LevelRow {
  label: string;
  named: number;
}

interface OwnershipRow {
  label: string;
  participating: number;
  named: number;
}

const NO_PROFILE = '未登记企业信息';

function levelRows(h: Harmonious): LevelRow[] {
  return [
    { label: NAMING_LEVEL.NATIONAL, named: h.national },
    { label: NAMING_LEVEL.PROVINCIAL, named: h.provincial },
    { label: NAMING_LEVEL.MUNICIPAL, named: h.municipal },
    { label: NAMING_LEVEL.COUNTY, named: h.county },
  ];
}

function ownershipRows(h: Harmonious): OwnershipRow[] {
  return h.byOwnership.map((o) => ({
    label: o.ownership ? OWNERSHIP[o.ownership] : NO_PROFILE,
    participating: o.participatingEnterprises,
    named: o.named,
  }));
}

/** 劳动关系和谐企业: current namings by level, and the campaign by ownership. */
export function HarmoniousPanel({ org, rollup }: { org: SelectedOrg; rollup: OrgRollup }) {
  const h = rollup.harmonious;
  const levels = useMemo(() => levelRows(h), [h]);
  const ownerships = useMemo(() => ownershipRows(h), [h]);
  const levelChart = useMemo(() => levelOption(levels), [levels]);
  const ownershipChart = useMemo(() => ownershipOption(ownerships), [ownerships]);
  const none = h.participatingEnterprises === 0 && h.named === 0;
  return (
    <section className="panel">
      <div className="panel-head">
        <div>
          <h2>劳动关系和谐企业</h2>
          <p className="panel-note">
            命名 {formatCount(h.named)} 家（现行有效，按最高级别计）；参与创建 {formatCount(h.participatingEnterprises)} 家，职工{' '}
            {formatCount(h.participatingWorkers)} 人
          </p>
        </div>
        {!none && <ExportButton testId="export-harmonious" onExport={() => exportHarmonious(org, levels, ownerships)} />}
      </div>
      {none ? (
        <p className="empty">本组织及下级没有企业参与创建活动。</p>
      ) : (
        <div className="overview-charts two">
          <figure className="chart-box">
            <figcaption>命名和谐企业按级别</figcaption>
            <Chart option={levelChart} height={260} label="命名和谐企业按级别" />
          </figure>
          <figure className="chart-box">
            <figcaption>创建活动按企业所有制</figcaption>
            <Chart option={ownershipChart} height={260} label="参与创建与命名企业按所有制" />
          </figure>
        </div>
      )}
    </section>
  );
}

function levelOption(rows: LevelRow[]): ChartOption {
  return {
    textStyle: TEXT_STYLE,
    grid: { ...GRID, top: 24 },
    tooltip: {
      ...TOOLTIP,
      formatter: (params: unknown) => {
        const row = rows[axisIndexOf(params)]!;
        return tooltipRows(row.label, [{ colour: COLOURS.named, name: '命名企业', value: `${formatCount(row.named)} 家` }]);
      },
    },
    xAxis: { ...CATEGORY_AXIS, data: rows.map((row) => row.label) },
    yAxis: COUNT_AXIS,
    series: [
      {
        type: 'bar',
        name: '命名企业',
        data: rows.map((row) => row.named),
        itemStyle: { color: COLOURS.named, borderRadius: [3, 3, 0, 0] },
        barMaxWidth: 44,
        // A national naming is one among thousands: the figure is printed even where the bar is not seen.
        label: { show: true, position: 'top', color: '#1f2933', formatter: countLabel },
      },
    ],
  };
}

function ownershipOption(rows: OwnershipRow[]): ChartOption {
  const series = [
    { name: '参与创建', colour: COLOURS.participating, pick: (row: OwnershipRow) => row.participating },
    { name: '已命名', colour: COLOURS.named, pick: (row: OwnershipRow) => row.named },
  ];
  return {
    textStyle: TEXT_STYLE,
    grid: GRID,
    legend: LEGEND,
    tooltip: {
      ...TOOLTIP,
      formatter: (params: unknown) => {
        const row = rows[axisIndexOf(params)]!;
        return tooltipRows(
          row.label,
          series.map((s) => ({ colour: s.colour, name: s.name, value: `${formatCount(s.pick(row))} 家` })),
        );
      },
    },
    xAxis: { ...CATEGORY_AXIS, data: rows.map((row) => row.label), axisLabel: { ...CATEGORY_AXIS.axisLabel, interval: 0, fontSize: 11 } },
    yAxis: COUNT_AXIS,
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: rows.map(s.pick),
      itemStyle: { color: s.colour, borderRadius: [3, 3, 0, 0] },
      barGap: '10%',
      barMaxWidth: 28,
    })),
  };
}

async function exportHarmonious(org: SelectedOrg, levels: LevelRow[], ownerships: OwnershipRow[]): Promise<void> {
  const date = exportDate(new Date());
  const levelColumns: ExportColumn<LevelRow>[] = [
    { header: '命名级别', kind: 'text', value: (row) => row.label },
    { header: '命名企业（家）', kind: 'count', value: (row) => row.named },
  ];
  const ownershipColumns: ExportColumn<OwnershipRow>[] = [
    { header: '企业所有制', kind: 'text', value: (row) => row.label },
    { header: '参与创建（家）', kind: 'count', value: (row) => row.participating },
    { header: '已命名（家）', kind: 'count', value: (row) => row.named },
  ];
  await downloadXlsx(exportFileName(org, '和谐企业'), [
    anySheet({ name: '按命名级别', title: `${org.name}（${org.code}）命名和谐企业按级别 · ${date}`, columns: levelColumns, rows: levels }),
    anySheet({
      name: '按所有制',
      title: `${org.name}（${org.code}）和谐企业创建活动按所有制 · ${date}`,
      columns: ownershipColumns,
      rows: ownerships,
    }),
  ]);
}
