// Days as the federation counts them: in China's time zone, whatever the browser's.
const DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** "2024-06-30T17:04:00.000Z" → "2024-07-01" */
export function dayOf(instant: string | Date): string {
  return DAY.format(typeof instant === 'string' ? new Date(instant) : instant);
}

export function today(): string {
  return dayOf(new Date());
}
