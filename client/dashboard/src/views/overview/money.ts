// Money stays the API's exact decimal string of yuan; these are the only two places it meets numbers.
import { fenOf } from '../../money';

/** Orders two amounts exactly, in whole fen. */
export function compareYuan(a: string, b: string): number {
  const difference = fenOf(a) - fenOf(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** 万元 for the length of a bar only: every amount a chart prints is the exact string. */
export function wanYuanForChart(money: string): number {
  return Number(money) / 10_000;
}
