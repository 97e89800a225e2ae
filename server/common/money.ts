const YUAN = /^(-?)(\d{1,15})(?:\.(\d{1,2}))?$/;

/** "1154.5" → 115450n fen; null when it is not a plain decimal with at most two decimals. */
export function parseYuan(text: string): bigint | null {
  const match = YUAN.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const fen = BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
  return sign ? -fen : fen;
}

/** 115450n fen → "1154.50". Accepts what pg returns for bigint and numeric columns (strings). */
export function formatFen(fen: bigint | number | string): string {
  const value = typeof fen === 'bigint' ? fen : BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}
