// Times as the federation reads them: in China's time zone, whatever the browser's.
const MINUTE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** "2025-12-26T08:44:00.000Z" → "2025-12-26 16:44" */
export function formatMinute(instant: string): string {
  return MINUTE.format(new Date(instant));
}
