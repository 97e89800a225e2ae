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
  return useLoad(requestOf(document), variables, options);
}

// One function per document, so that useLoad sees the same loader from render to render.
const requests = new WeakMap<object, (variables: never) => Promise<unknown>>();

function requestOf<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>): (variables: TVariables) => Promise<TData> {
  let request = requests.get(document);
  if (!request) {
    request = (variables: TVariables) => api.request(document, variables);
    requests.set(document, request);
  }
  return request as (variables: TVariables) => Promise<TData>;
}

/**
 * useQuery for anything else the client asks (the import endpoints): `load` runs when the
 * arguments change. `load` must be the same function each render (one defined outside the component).
 */
export function useLoad<TData, TArgs>(
  load: (args: TArgs) => Promise<TData>,
  args: TArgs,
  options: { skip?: boolean } = {},
): QueryState<TData> {
  const key = JSON.stringify(args);
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<{ key: string; generation: number; data?: TData; error?: GonghuiError }>();
  useEffect(() => {
    if (options.skip) return;
    let current = true;
    load(JSON.parse(key) as TArgs).then(
      (data) => current && setState({ key, generation, data }),
      (error: unknown) => current && setState({ key, generation, error: asGonghuiError(error) }),
    );
    return () => {
      current = false;
    };
  }, [load, key, generation, options.skip]);
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
