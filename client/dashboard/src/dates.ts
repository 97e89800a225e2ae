// Days and times as the federation reads them: in China's time zone, whatever the browser's.
const DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const MINUTE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** "2024-06-30T17:04:00.000Z" → "2024-07-01" */
export function dayOf(instant: string | Date): string {
  return DAY.format(typeof instant === 'string' ? new Date(instant) : instant);
}

export function today(): string {
  return dayOf(new Date());
}

/** "2025-12-26T08:44:00.000Z" → "2025-12-26 16:44" */
export function formatMinute(instant: string): string {
  return MINUTE.format(new Date(instant));
}
