// The one client of the dashboard: every figure it shows comes through the typed client.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useCallback, useEffect, useState } from 'react';
import { createClient, GonghuiError, storageSessionStore, type Session } from '../../sdk';

const signedOutListeners = new Set<() => void>();

export const api = createClient({
  url: '/graphql',
  // A tab keeps its sign-in until it closes; union staff share computers.
  store: storageSessionStore(window.sessionStorage),
  onSignedOut: () => signedOutListeners.forEach((listener) => listener()),
});

export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export type { Session };

export interface QueryState<TData> {
  data: TData | undefined;
  error: GonghuiError | undefined;
  loading: boolean;
  reload: () => void;
}

/** Runs the query when the variables change; `skip` holds it back. `reload` keeps the data until the new answer. */
export function useQuery<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  options: { skip?: boolean } = {},
): QueryState<TData> {
  const key = JSON.stringify(variables);
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<{ key: string; generation: number; data?: TData; error?: GonghuiError }>();
  useEffect(() => {
    if (options.skip) return;
    let current = true;
    api.request(document, JSON.parse(key) as TVariables).then(
      (data) => current && setState({ key, generation, data }),
      (error: unknown) => current && setState({ key, generation, error: asGonghuiError(error) }),
    );
    return () => {
      current = false;
    };
  }, [document, key, generation, options.skip]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const same = state?.key === key;
  return {
    data: same ? state.data : undefined,
    error: same && state.generation === generation ? state.error : undefined,
    loading: !options.skip && (!same || state.generation !== generation),
    reload,
  };
}

export function asGonghuiError(error: unknown): GonghuiError {
  if (error instanceof GonghuiError) return error;
  return new GonghuiError([{ message: error instanceof Error ? error.message : String(error), extensions: { code: 'NETWORK_ERROR' } }]);
}
