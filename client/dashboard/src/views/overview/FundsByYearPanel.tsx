import { useMemo, useState } from 'react';
import { DashboardFundsByYearDocument, type AssistanceProgramme, type DashboardYearFundsFragment } from '../../../../sdk';
import { useQuery } from '../../api';
import { Chart, type ChartOption } from '../../components/Chart';
import { describeError } from '../../errors';
import { downloadXlsx, type ExportColumn } from '../../export/xlsx';
import { formatCount, formatWanYuan, formatYuan } from '../../format';
import { PROGRAMME } from '../../terms';
import type { SelectedOrg } from '../types';
import { axisIndexOf, CATEGORY_AXIS, GRID, LEGEND, PROGRAMME_COLOURS, TEXT_STYLE, TOOLTIP, tooltipRows, VALUE_AXIS } from './chart-style';
import { exportDate, exportFileName, recentYears, type CalendarYear } from './dates';
import { ExportButton } from './ExportButton';
import { compareYuan, wanYuanForChart } from './money';

interface YearFunds extends CalendarYear {
  funds: DashboardYearFundsFragment;
}

/** 历年帮扶资金支出: each of the last six calendar years, stacked by programme. */
export function FundsByYearPanel({ org }: { org: SelectedOrg }) {
  // The years are fixed when the view opens; a view left open over New Year keeps its own.
  const [years] = useState(() => recentYears(new Date()));
  const [y1, y2, y3, y4, y5, y6] = years as [CalendarYear, CalendarYear, CalendarYear, CalendarYear, CalendarYear, CalendarYear];
  const { data, error, loading, reload } = useQuery(DashboardFundsByYearDocument, {
    code: org.code,
    year1From: y1.from,
    year1To: y1.to,
    year2From: y2.from,
    year2To: y2.to,
    year3From: y3.from,
    year3To: y3.to,
    year4From: y4.from,
    year4To: y4.to,
    year5From: y5.from,
    year5To: y5.to,
    year6From: y6.from,
    year6To: y6.to,
  });
  const rollup = data?.org?.rollup;
  const shown = useMemo(() => {
    if (!rollup) return [];
    const all = [rollup.year1, rollup.year2, rollup.year3, rollup.year4, rollup.year5, rollup.year6].map((funds, i) => ({
      ...years[i]!,
      funds,
    }));
    // Years before the first payment are left out: the history starts where the records do.
    const first = all.findIndex((year) => compareYuan(year.funds.disbursed, '0') !== 0);
    return first < 0 ? [] : all.slice(first);
  }, [rollup, years]);
  const currentYear = years[years.length - 1]!.year;
  return (
    <section className="panel">
      <div className="panel-head">
        <div>
          <h2>历年帮扶资金支出</h2>
          <p className="panel-note">
            按年度、帮扶项目，{y1.year}—{currentYear} 年（{currentYear} 年截至今日）
          </p>
        </div>
        {shown.length > 0 && <ExportButton testId="export-funds-by-year" onExport={() => exportByYear(org, shown, currentYear)} />}
      </div>
      {loading ? (
        <p className="muted chart-placeholder">正在统计历年支出…</p>
      ) : error ? (
        <p className="error">
          {describeError(error)}{' '}
          <button type="button" className="link" onClick={reload}>
            重试
          </button>
        </p>
      ) : shown.length === 0 ? (
        <p className="empty">
          {y1.year}—{currentYear} 年没有帮扶资金支出。
        </p>
      ) : (
        <YearChart years={shown} currentYear={currentYear} />
      )}
    </section>
  );
}

function yearLabel(year: number, currentYear: number): string {
  return year === currentYear ? `${year}（至今）` : String(year);
}

function YearChart({ years, currentYear }: { years: YearFunds[]; currentYear: number }) {
  const option = useMemo(() => yearOption(years, currentYear), [years, currentYear]);
  return <Chart option={option} height={320} label="历年帮扶资金支出，按帮扶项目" />;
}

function programmesOf(years: YearFunds[]): AssistanceProgramme[] {
  return years[0]!.funds.byProgramme.map((p) => p.programme);
}

function yearOption(years: YearFunds[], currentYear: number): ChartOption {
  const programmes = programmesOf(years);
  const amountOf = (year: YearFunds, programme: AssistanceProgramme) => year.funds.byProgramme.find((p) => p.programme === programme)!;
  return {
    textStyle: TEXT_STYLE,
    grid: { ...GRID, top: 52 },
    legend: LEGEND,
    tooltip: {
      ...TOOLTIP,
      formatter: (params: unknown) => {
        const year = years[axisIndexOf(params)]!;
        return tooltipRows(`${yearLabel(year.year, currentYear)} 年 · 支出 ${formatYuan(year.funds.disbursed)} 元`, [
          ...year.funds.byProgramme.map((p) => ({
            colour: PROGRAMME_COLOURS[p.programme],
            name: `${PROGRAMME[p.programme]}（${formatCount(p.personTimes)} 人次）`,
            value: `${formatYuan(p.amount)} 元`,
          })),
        ]);
      },
    },
    xAxis: {
      ...CATEGORY_AXIS,
      // Each year's total, as the API gives it, under the year.
      data: years.map((year) => `${yearLabel(year.year, currentYear)}\n${formatWanYuan(year.funds.disbursed)}元`),
      axisLabel: { ...CATEGORY_AXIS.axisLabel, interval: 0, lineHeight: 18 },
    },
    yAxis: { ...VALUE_AXIS, name: '万元', nameTextStyle: { color: '#6b7785', align: 'right' } },
    series: programmes.map((programme) => ({
      type: 'bar',
      stack: 'paid',
      name: PROGRAMME[programme],
      data: years.map((year) => wanYuanForChart(amountOf(year, programme).amount)),
      itemStyle: { color: PROGRAMME_COLOURS[programme] },
      barMaxWidth: 56,
    })),
  };
}

async function exportByYear(org: SelectedOrg, years: YearFunds[], currentYear: number): Promise<void> {
  const columns: ExportColumn<YearFunds>[] = [
    { header: '年度', kind: 'text', value: (year) => yearLabel(year.year, currentYear) },
    ...programmesOf(years).map((programme): ExportColumn<YearFunds> => ({
      header: `${PROGRAMME[programme]}（元）`,
      kind: 'yuan',
      value: (year) => year.funds.byProgramme.find((p) => p.programme === programme)?.amount,
    })),
    { header: '合计（元）', kind: 'yuan', value: (year) => year.funds.disbursed, width: 18 },
  ];
  await downloadXlsx(exportFileName(org, '历年帮扶资金支出'), [
    {
      name: '历年支出',
      title: `${org.name}（${org.code}）历年帮扶资金支出按帮扶项目 · ${exportDate(new Date())}`,
      columns,
      rows: years,
    },
  ]);
}
