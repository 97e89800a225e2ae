// The three ways the reports break hardship workers down, each as rows of hardship (extreme
// included) beside extreme; the charts and the export read the same rows.
import type { HardshipFiguresFragment, HardshipCause } from '../../../../sdk';
import { CAUSE, EDUCATION } from '../../terms';

export interface BreakdownRow {
  label: string;
  hardship: number;
  extreme: number;
}

export interface Breakdown {
  key: 'cohort' | 'education' | 'cause';
  title: string;
  /** The first column's header in the export. */
  category: string;
  rows: BreakdownRow[];
  /** The API's totals when the rows split them; null when a worker may count in several rows. */
  total: BreakdownRow | null;
}

type CountKey = Exclude<keyof HardshipFiguresFragment, 'byCause' | 'total'>;

const COHORTS: [CountKey, string][] = [
  ['menUnder50', '男性 50 岁以下'],
  ['men50AndOver', '男性 50 岁及以上'],
  ['womenUnder40', '女性 40 岁以下'],
  ['women40AndOver', '女性 40 岁及以上'],
];

const EDUCATIONS: [CountKey, string][] = [
  ['juniorHighOrBelow', EDUCATION.JUNIOR_HIGH_OR_BELOW],
  ['highSchool', EDUCATION.HIGH_SCHOOL],
  ['collegeOrAbove', EDUCATION.COLLEGE_OR_ABOVE],
];

export function hardshipBreakdowns(hardship: HardshipFiguresFragment, extreme: HardshipFiguresFragment): Breakdown[] {
  const counts = (keys: [CountKey, string][]) => keys.map(([key, label]) => ({ label, hardship: hardship[key], extreme: extreme[key] }));
  const total = { label: '合计', hardship: hardship.total, extreme: extreme.total };
  const extremeByCause = new Map<HardshipCause, number>(extreme.byCause.map((c) => [c.cause, c.workers]));
  return [
    { key: 'cohort', title: '按性别年龄', category: '性别年龄', rows: counts(COHORTS), total },
    { key: 'education', title: '按文化程度', category: '文化程度', rows: counts(EDUCATIONS), total },
    {
      key: 'cause',
      title: '按致困原因',
      category: '致困原因',
      rows: hardship.byCause.map((c) => ({ label: CAUSE[c.cause], hardship: c.workers, extreme: extremeByCause.get(c.cause) ?? 0 })),
      // An archive may name several causes: the rows do not add up to the workers.
      total: null,
    },
  ];
}
