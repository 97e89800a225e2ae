// Comparing yuan exactly: the API's decimal strings as whole fen, never through floating point.

/** "1154.5" → 115450n */
export function fenOf(money: string): bigint {
  const negative = money.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? money.slice(1) : money).split('.');
  const fen = BigInt(whole || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
  return negative ? -fen : fen;
}
