import { expect } from 'vitest';
import { GonghuiError } from '../../client/sdk';

/** The GonghuiError a request failed with; fails the test when it succeeded. */
export async function errorOf(promise: Promise<unknown>): Promise<GonghuiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GonghuiError);
  return error as GonghuiError;
}
