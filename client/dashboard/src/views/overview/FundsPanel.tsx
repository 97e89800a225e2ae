import { useMemo } from 'react';
import { Chart, type ChartOption } from '../../components/Chart';
import { downloadXlsx, type ExportColumn } from '../../export/xlsx';
import { formatCount, formatYuan } from '../../format';
import { PROGRAMME } from '../../terms';
import type { SelectedOrg } from '../types';
import { axisIndexOf, CATEGORY_AXIS, COLOURS, COUNT_AXIS, GRID, LEGEND, TEXT_STYLE, TOOLTIP, tooltipRows, VALUE_AXIS } from './chart-style';
import { exportDate, exportFileName } from './dates';
import { ExportButton } from './ExportButton';
import { wanYuanForChart } from './money';
import type { OrgRollup } from './types';

type ProgrammeRow = OrgRollup['funds']['byProgramme'][number];

/** A row of the table and the export: a programme, or (programme null) the 合计 of the API. */
interface FundsRow {
  label: string;
  amount: string;
  personTimes: number | null;
  beneficiaries: number | null;
}

/** 帮扶资金按项目: what the subtree's funds paid under each programme, all years. */
export function FundsPanel({ org, rollup }: { org: SelectedOrg; rollup: OrgRollup }) {
  const programmes = rollup.funds.byProgramme;
  const option = useMemo(() => programmeOption(programmes), [programmes]);
  const rows = fundsRows(rollup);
  return (
    <section className="panel">
      <div className="panel-head">
        <div>
          <h2>帮扶资金支出（按帮扶项目）</h2>
          <p className="panel-note">历年累计，本级及下级帮扶资金支出</p>
        </div>
        <ExportButton testId="export-funds" onExport={() => exportFunds(org, rows)} />
      </div>
      <div className="funds-layout">
        <Chart option={option} height={300} label="帮扶资金按项目的支出金额与人次" />
        <table className="data compact" data-testid="table-funds">
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th key={column.header} className={column.kind === 'text' ? undefined : 'num'}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, -1).map((row) => (
              <FundsTableRow key={row.label} row={row} />
            ))}
          </tbody>
          <tfoot>
            <FundsTableRow row={rows[rows.length - 1]!} />
          </tfoot>
        </table>
      </div>
      <p className="footnote">受助人数按项目分别计，同一职工可在多个项目受助，故不合计。</p>
    </section>
  );
}

function FundsTableRow({ row }: { row: FundsRow }) {
  return (
    <tr>
      <td>{row.label}</td>
      <td className="num" data-value={row.amount}>
        {formatYuan(row.amount)}
      </td>
      <td className="num">{row.personTimes === null ? '—' : formatCount(row.personTimes)}</td>
      <td className="num">{row.beneficiaries === null ? '—' : formatCount(row.beneficiaries)}</td>
    </tr>
  );
}

const COLUMNS: ExportColumn<FundsRow>[] = [
  { header: '帮扶项目', kind: 'text', value: (row) => row.label },
  { header: '支出金额（元）', kind: 'yuan', value: (row) => row.amount, width: 18 },
  { header: '人次', kind: 'count', value: (row) => row.personTimes },
  { header: '受助人数', kind: 'count', value: (row) => row.beneficiaries },
];

function fundsRows(rollup: OrgRollup): FundsRow[] {
  return [
    ...rollup.funds.byProgramme.map((p) => ({
      label: PROGRAMME[p.programme],
      amount: p.amount,
      personTimes: p.personTimes,
      beneficiaries: p.beneficiaries,
    })),
    // The total is the API's disbursed, never a sum made here.
    { label: '合计', amount: rollup.funds.disbursed, personTimes: null, beneficiaries: null },
  ];
}

function programmeOption(programmes: ProgrammeRow[]): ChartOption {
  return {
    textStyle: TEXT_STYLE,
    grid: { ...GRID, right: 8 },
    legend: LEGEND,
    tooltip: {
      ...TOOLTIP,
      formatter: (params: unknown) => {
        const p = programmes[axisIndexOf(params)]!;
        return tooltipRows(PROGRAMME[p.programme], [
          { colour: COLOURS.amount, name: '支出金额', value: `${formatYuan(p.amount)} 元` },
          { colour: COLOURS.personTimes, name: '人次', value: formatCount(p.personTimes) },
          { colour: COLOURS.muted, name: '受助人数', value: formatCount(p.beneficiaries) },
        ]);
      },
    },
    xAxis: {
      ...CATEGORY_AXIS,
      data: programmes.map((p) => PROGRAMME[p.programme]),
      axisLabel: { ...CATEGORY_AXIS.axisLabel, interval: 0 },
    },
    yAxis: [
      { ...VALUE_AXIS, name: '万元', nameTextStyle: { color: COLOURS.muted, align: 'right' } },
      { ...COUNT_AXIS, name: '人次', nameTextStyle: { color: COLOURS.muted, align: 'left' }, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: '支出金额（万元）',
        data: programmes.map((p) => wanYuanForChart(p.amount)),
        itemStyle: { color: COLOURS.amount, borderRadius: [3, 3, 0, 0] },
        barMaxWidth: 20,
        barGap: '15%',
      },
      {
        type: 'bar',
        name: '人次',
        yAxisIndex: 1,
        data: programmes.map((p) => p.personTimes),
        itemStyle: { color: COLOURS.personTimes, borderRadius: [3, 3, 0, 0] },
        barMaxWidth: 20,
      },
    ],
  };
}

async function exportFunds(org: SelectedOrg, rows: FundsRow[]): Promise<void> {
  await downloadXlsx(exportFileName(org, '帮扶资金按项目'), [
    {
      name: '按帮扶项目',
      title: `${org.name}（${org.code}）帮扶资金支出按帮扶项目（历年累计） · ${exportDate(new Date())}`,
      columns: COLUMNS,
      rows,
    },
  ]);
}
