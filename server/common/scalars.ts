import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { formatFen, parseYuan } from './money';

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in YYYY-MM-DD form, or null. */
export function parseDate(value: string): string | null {
  const match = DATE.exec(value);
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? value : null;
}

function dateFrom(value: unknown): string {
  if (typeof value !== 'string' || parseDate(value) === null) {
    throw badInput(`Expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return dateFrom(value);
  },
  parseValue: dateFrom,
  parseLiteral: (ast) => dateFrom(ast.kind === Kind.STRING ? ast.value : undefined),
});

function moneyFrom(value: unknown): bigint {
  const fen = typeof value === 'string' ? parseYuan(value) : null;
  if (fen === null) {
    throw badInput(
      `Expected an amount in yuan as a decimal string with at most two decimals (e.g. "1154.50"), got ${JSON.stringify(value)}`,
    );
  }
  return fen;
}

/** Inside the server an amount is a bigint of fen; on the wire it is a decimal string of yuan. */
export const MoneyScalar = new GraphQLScalarType<bigint, string>({
  name: 'Money',
  description: 'An amount of money in yuan as a decimal string with two decimals, e.g. "11545000.00".',
  serialize: (value) => formatFen(value as bigint | number | string),
  parseValue: moneyFrom,
  parseLiteral: (ast) => moneyFrom(ast.kind === Kind.STRING ? ast.value : undefined),
});
