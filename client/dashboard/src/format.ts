// Figures as union staff write them: counts with separators, money in yuan from the API's
// decimal strings (never through floating point).
import { fenOf } from './money';

export function formatCount(value: number): string {
  return value.toLocaleString('zh-CN');
}

/** "11545000.00" → "11,545,000.00" */
export function formatYuan(money: string): string {
  const negative = money.startsWith('-');
  const [whole = '0', fraction = '00'] = (negative ? money.slice(1) : money).split('.');
  return `${negative ? '-' : ''}${withSeparators(whole)}.${fraction.padEnd(2, '0')}`;
}

/** 万元 for cards: "11545000.00" → "1,154.50 万", rounded from exact fen (99,999.99 is 10.00 万, not 9.99). */
export function formatWanYuan(money: string): string {
  const fen = fenOf(money);
  const negative = fen < 0n;
  // A hundredth of a 万 is 10,000 fen.
  const hundredths = ((negative ? -fen : fen) + 5_000n) / 10_000n;
  const whole = (hundredths / 100n).toString();
  const fraction = (hundredths % 100n).toString().padStart(2, '0');
  return `${negative && hundredths > 0n ? '-' : ''}${withSeparators(whole)}.${fraction} 万`;
}

function withSeparators(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
