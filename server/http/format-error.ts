import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { limitMessage, limitReason } from './query-limits';

const CLIENT_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_ATTEMPTS',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Which bound stopped the work, if one did. */
function timeoutReason(pgCode: string | undefined, error: unknown): string | null {
  if (pgCode === '57014') return 'STATEMENT_TIMEOUT';
  if (pgCode === '55P03') return 'LOCK_TIMEOUT';
  if (pgCode === '25P03') return 'IDLE_TRANSACTION_TIMEOUT';
  // pg-pool's own words when no connection came free in time.
  if (error instanceof Error && error.message === 'timeout exceeded when trying to connect') return 'POOL_TIMEOUT';
  return null;
}

/**
 * Client errors pass with their stable code; class-validator failures become BAD_USER_INPUT
 * naming the fields; anything else is logged and answered without detail, stack or SQL.
 */
export function createFormatError(log: (error: unknown) => void, requestId: () => string | undefined = () => undefined) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // What went wrong first: a failure while building the context (reading the caller) comes
    // wrapped by Apollo as "Context creation failed".
    const unwrapped = unwrapResolverError(error);
    const original = unwrapped instanceof GraphQLError && unwrapped.originalError ? unwrapped.originalError : unwrapped;
    if (original instanceof ArgumentValidationError) {
      const problems = flatten(original.extensions.validationErrors as ValidationError[]);
      return {
        message: problems.map((p) => p.message).join('; ') || 'Invalid input.',
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'BAD_USER_INPUT', reason: 'VALIDATION', field: problems[0]?.field, fields: problems },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      // A document past one of the query limits says which, in its reason.
      const limit = code.startsWith('GRAPHQL_') ? limitReason(formatted.message) : null;
      if (limit) return { ...formatted, message: limitMessage(formatted.message), extensions: { ...extensions, reason: limit } };
      return { ...formatted, extensions };
    }
    // Two transactions wanted the same rows at once and PostgreSQL chose this one to give way.
    const pgCode = (original as { driverError?: { code?: string } }).driverError?.code;
    if (pgCode === '40P01' || pgCode === '40001') {
      return {
        message: 'Someone changed the same records at the same moment; nothing was saved. Try again.',
        path: formatted.path,
        extensions: { code: 'CONFLICT', reason: 'CONCURRENT_CHANGE' },
      };
    }
    // A bound on what one request may hold stopped it (server/db/data-source.ts API_CONNECTION_LIMITS).
    const stopped = timeoutReason(pgCode, original);
    if (stopped) {
      log(original);
      return {
        message: 'The request took too long or the server was too busy, and was stopped; nothing was saved. Try again.',
        path: formatted.path,
        extensions: { code: 'TIMEOUT', reason: stopped, requestId: requestId() },
      };
    }
    // A value PostgreSQL will not store (too long, out of range, bad characters) that validation let through.
    if (pgCode === '22001' || pgCode === '22003' || pgCode === '22021') {
      log(original);
      return {
        message: 'A value is too long, out of range or holds characters that cannot be stored; nothing was saved.',
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT', reason: 'VALUE_NOT_STORABLE', requestId: requestId() },
      };
    }
    log(original);
    return {
      message: 'Something went wrong on our side; it has been logged under the request id.',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: requestId() },
    };
  };
}
