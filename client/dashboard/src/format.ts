// Figures as union staff write them: counts with separators, money in yuan from the API's
// decimal strings (never through floating point).

export function formatCount(value: number): string {
  return value.toLocaleString('zh-CN');
}

/** "11545000.00" → "11,545,000.00" */
export function formatYuan(money: string): string {
  const negative = money.startsWith('-');
  const [whole = '0', fraction = '00'] = (negative ? money.slice(1) : money).split('.');
  return `${negative ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0')}`;
}

/** 万元 for cards: "11545000.00" → "1,154.50 万" (exact: the string is shifted, not divided). */
export function formatWanYuan(money: string): string {
  const negative = money.startsWith('-');
  const [whole = '0', fraction = '00'] = (negative ? money.slice(1) : money).split('.');
  const digits = whole.padStart(5, '0');
  const wan = digits.slice(0, -4).replace(/^0+(?=\d)/, '');
  const rest = `${digits.slice(-4)}${fraction}`.slice(0, 2);
  return `${negative ? '-' : ''}${wan.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${rest} 万`;
}
