// One look for the view's charts, in the colours of styles.css.
import type { AssistanceProgramme } from '../../../../sdk';
import { formatCount } from '../../format';

export const COLOURS = {
  hardship: '#e59a8f',
  extreme: '#c0392b',
  amount: '#c0392b',
  personTimes: '#1d5fa8',
  participating: '#9fb7d3',
  named: '#c0392b',
  muted: '#6b7785',
  line: '#e3e7ec',
};

// Seven programmes told apart in a stack; 送温暖 in the accent red.
export const PROGRAMME_COLOURS: Record<AssistanceProgramme, string> = {
  WARMTH: '#c0392b',
  LIVING: '#e67e22',
  EDUCATION: '#f1c40f',
  MEDICAL: '#16a085',
  SKILLS: '#1d5fa8',
  EMPLOYMENT: '#8e44ad',
  LEGAL: '#7f8c8d',
};

export const TEXT_STYLE = { fontFamily: "'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif", color: '#1f2933' };

export const GRID = { left: 8, right: 16, top: 44, bottom: 8 };

export const LEGEND = { top: 4, left: 'center', itemWidth: 12, itemHeight: 10, textStyle: { color: COLOURS.muted } };

export const VALUE_AXIS = {
  type: 'value',
  axisLabel: { color: COLOURS.muted },
  splitLine: { lineStyle: { color: COLOURS.line } },
};

/** An axis of people or enterprises: no fractions between 0 and 1. */
export const COUNT_AXIS = { ...VALUE_AXIS, minInterval: 1 };

export const CATEGORY_AXIS = {
  type: 'category',
  axisLabel: { color: '#1f2933' },
  axisLine: { lineStyle: { color: '#c8d0d8' } },
  axisTick: { show: false },
};

export const TOOLTIP = { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true };

/** A tooltip's rows as HTML: a coloured dot, the series and its figure as printed. */
export function tooltipRows(title: string, rows: { colour: string; name: string; value: string }[]): string {
  const dot = (colour: string) =>
    `<span style="display:inline-block;width:8px;height:8px;border-radius:4px;margin-right:6px;background:${colour}"></span>`;
  const lines = rows.map(
    (row) =>
      `<div style="display:flex;justify-content:space-between;gap:16px"><span>${dot(row.colour)}${row.name}</span><b style="font-variant-numeric:tabular-nums">${row.value}</b></div>`,
  );
  return `<div style="font-weight:600;margin-bottom:4px">${title}</div>${lines.join('')}`;
}

/** The category an axis tooltip is about (ECharts passes one entry per series). */
export function axisIndexOf(params: unknown): number {
  const first = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number } | undefined;
  return first?.dataIndex ?? 0;
}

/** A bar's count printed above or beside it. */
export function countLabel(params: unknown): string {
  const value = (params as { value?: unknown }).value;
  return typeof value === 'number' ? formatCount(value) : '';
}
