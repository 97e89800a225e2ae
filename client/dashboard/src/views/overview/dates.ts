// The calendar years the funds history asks for, and the date an export is stamped with, both
// in China's time zone (src/dates.ts) as the server counts them.
import { dayOf } from '../../dates';

export interface CalendarYear {
  year: number;
  from: string;
  to: string;
}

/** This year and the five before it, oldest first: the six aliases of DashboardFundsByYear. */
export function recentYears(today: Date): CalendarYear[] {
  const current = Number(dayOf(today).slice(0, 4));
  return Array.from({ length: 6 }, (_, i) => {
    const year = current - 5 + i;
    return { year, from: `${year}-01-01`, to: `${year}-12-31` };
  });
}

/** "2026年11月24日" */
export function exportDate(day: Date): string {
  const [year, month, date] = dayOf(day).split('-').map(Number);
  return `${year}年${month}月${date}日`;
}

/** The file name union staff see in their downloads: code, org, what it holds. */
export function exportFileName(org: { code: string; name: string }, what: string): string {
  return `${org.code}-${org.name}-${what}.xlsx`;
}
