import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';

const CLIENT_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
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

/**
 * Client errors pass with their stable code; class-validator failures become BAD_USER_INPUT
 * naming the fields; anything else is logged and answered without detail, stack or SQL.
 */
export function createFormatError(log: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
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
    // A value PostgreSQL will not store (too long, out of range, bad characters) that validation let through.
    if (pgCode === '22001' || pgCode === '22003' || pgCode === '22021') {
      log(original);
      return {
        message: 'A value is too long, out of range or holds characters that cannot be stored; nothing was saved.',
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT', reason: 'VALUE_NOT_STORABLE' },
      };
    }
    log(original);
    return {
      message: 'Something went wrong on our side; it has been logged.',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
