// Money stays the API's exact decimal string of yuan; these are the only two places it meets numbers.

function fenOf(money: string): bigint {
  const negative = money.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? money.slice(1) : money).split('.');
  const fen = BigInt(whole || '0') * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -fen : fen;
}

/** Orders two amounts exactly, in whole fen. */
export function compareYuan(a: string, b: string): number {
  const difference = fenOf(a) - fenOf(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** 万元 for the length of a bar only: every amount a chart prints is the exact string. */
export function wanYuanForChart(money: string): number {
  return Number(money) / 10_000;
}
