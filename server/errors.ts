import { GraphQLError } from 'graphql';

/** The `extensions.code` values a client can rely on. */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_ATTEMPTS';

/**
 * An error a client caused. `code` is the stable category; `reason` the module's own code
 * (e.g. ORG_LEVEL_RULE); `field` names the input field at fault, when there is one.
 */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, reason: string, message: string, field?: string, more: Record<string, unknown> = {}) {
    super(message, { extensions: { code, reason, ...(field ? { field } : {}), ...more } });
  }
}

export const badInput = (reason: string, message: string, field: string) => new AppError('BAD_USER_INPUT', reason, message, field);
export const forbidden = (message = 'You may not do this here.') => new AppError('FORBIDDEN', 'FORBIDDEN', message);
export const notFound = (what: string, field?: string) =>
  new AppError('NOT_FOUND', 'NOT_FOUND', `No ${what} with that id, or it is outside your scope.`, field);
export const conflict = (reason: string, message: string, field?: string) => new AppError('CONFLICT', reason, message, field);
export const unauthenticated = (
  message = 'Sign in first: send "Authorization: Bearer <token>" from the login mutation.',
  reason = 'UNAUTHENTICATED',
) => new AppError('UNAUTHENTICATED', reason, message);
