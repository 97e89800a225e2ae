// A small typed client for the gonghui API, for a browser or Node: pass a generated document,
// get typed data back; sign in once and the token rides along; every failure is a GonghuiError
// with the API's code.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { LoginDocument, type LoginMutation } from './generated/graphql';
import { FINISHED, type ImportKind, type ImportMode, type ImportProblemPage, type ImportView, type RestErrorBody } from './imports';

export * from './generated/graphql';
export * from './imports';

/**
 * The `extensions.code` values the API answers with, and NETWORK_ERROR for an answer that never
 * came or was not the API's (a proxy's error page, say).
 */
export type ApiErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_ATTEMPTS'
  | 'TIMEOUT'
  | 'BAD_REQUEST'
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'UNTRUSTED_DOCUMENT'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'INTERNAL_SERVER_ERROR'
  | 'NETWORK_ERROR';

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; reason?: string; field?: string; retryAfterSeconds?: number; [key: string]: unknown };
}

export interface GraphQLResult<TData> {
  data?: TData | null;
  errors?: GraphQLErrorShape[];
}

/** A failed request: `code`, `reason` and `field` are the first error's; `errors` holds them all. */
export class GonghuiError extends Error {
  readonly code: ApiErrorCode;
  /** The module's own code, e.g. INSUFFICIENT_FUNDS or ORG_LEVEL_RULE. */
  readonly reason: string | undefined;
  /** The input field at fault, e.g. `input.amount`. */
  readonly field: string | undefined;
  /** TOO_MANY_ATTEMPTS: when to try again. */
  readonly retryAfterSeconds: number | undefined;
  constructor(
    readonly errors: GraphQLErrorShape[],
    /** The HTTP status, when an answer came. */
    readonly status?: number,
  ) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'GonghuiError';
    const first = errors[0]?.extensions;
    this.code = (first?.code as ApiErrorCode | undefined) ?? 'INTERNAL_SERVER_ERROR';
    this.reason = first?.reason;
    this.field = first?.field;
    this.retryAfterSeconds = typeof first?.retryAfterSeconds === 'number' ? first.retryAfterSeconds : undefined;
  }
}

export type SignedInViewer = LoginMutation['login']['viewer'];

/** What signing in keeps: the token, when it stops working, and who it is. */
export interface Session {
  token: string;
  expiresAt: string;
  viewer: SignedInViewer;
}

/** Where the session is kept: memory (the default), or a browser's sessionStorage or localStorage. */
export interface SessionStore {
  get(): Session | null;
  set(session: Session | null): void;
}

export function memorySessionStore(initial: Session | null = null): SessionStore {
  let kept = initial;
  return {
    get: () => kept,
    set: (session) => {
      kept = session;
    },
  };
}

/** Keeps the session in `storage` (a tab's sessionStorage forgets it when the tab closes). */
export function storageSessionStore(
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void },
  key = 'gonghui.session',
): SessionStore {
  return {
    get() {
      const text = storage.getItem(key);
      if (!text) return null;
      try {
        return JSON.parse(text) as Session;
      } catch {
        storage.removeItem(key);
        return null;
      }
    },
    set(session) {
      if (session) storage.setItem(key, JSON.stringify(session));
      else storage.removeItem(key);
    },
  };
}

export interface ClientOptions {
  /** The GraphQL endpoint, e.g. `http://localhost:4000/graphql` or `/graphql` in a browser. */
  url: string;
  /** A bearer token to send (a client made by withToken); otherwise the store's session's. */
  token?: string | null;
  store?: SessionStore;
  fetch?: typeof fetch;
  /** Called when the server no longer accepts the session (expired, ended, disabled); it is forgotten first. */
  onSignedOut?: (error: GonghuiError) => void;
  /** Now, for the session's expiry (tests). */
  now?: () => Date;
}

export interface GonghuiClient {
  /** The raw answer: data and errors side by side (for partial results). Throws only when no answer came. */
  execute<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables?: TVariables): Promise<GraphQLResult<TData>>;
  /** The data, or a GonghuiError. */
  request<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables?: TVariables): Promise<TData>;
  /** Signs in, keeps the session in the store and returns it; a wrong password is UNAUTHENTICATED. */
  signIn(username: string, password: string): Promise<Session>;
  signOut(): void;
  /** The kept session, or null when there is none or it has expired. */
  session(): Session | null;
  /** A client that sends this token (or none), leaving the store alone. */
  withToken(token: string | null): GonghuiClient;
  /** Spreadsheet imports of workers and hardship archives (`/api/imports`). */
  imports: ImportsApi;
}

export interface ImportsApi {
  /** Uploads a file (XLSX or CSV) into the org with that code; answers once the upload is accepted and queued. */
  upload(kind: ImportKind, upload: { org: string; file: Blob; fileName: string; mode?: ImportMode }): Promise<ImportView>;
  get(id: string): Promise<ImportView>;
  problems(id: string, page?: { offset?: number; limit?: number }): Promise<ImportProblemPage>;
  /** The newest imports into the org and the orgs under it. */
  list(org: string, limit?: number): Promise<ImportView[]>;
  /** Polls until the import has finished (DONE, REJECTED, CHECKED or FAILED), telling each state seen. */
  wait(id: string, options?: { intervalMs?: number; onProgress?: (view: ImportView) => void; signal?: AbortSignal }): Promise<ImportView>;
}

const printed = new WeakMap<DocumentNode, string>();

const idOf = (document: DocumentNode) => (document as { __meta__?: { hash?: string } }).__meta__?.hash;

function textOf(document: DocumentNode): string {
  let query = printed.get(document);
  if (query === undefined) {
    query = print(document);
    printed.set(document, query);
  }
  return query;
}

// A generated document travels as its id (a production server holds the text: trusted
// documents); one written by hand, or one the server does not know by id, as its text.
const bodyOf = (document: DocumentNode, variables: unknown, byId: boolean) =>
  JSON.stringify(
    byId ? { documentId: idOf(document), variables: variables ?? {} } : { query: textOf(document), variables: variables ?? {} },
  );

const networkError = (message: string, status?: number) => new GonghuiError([{ message, extensions: { code: 'NETWORK_ERROR' } }], status);

export function createClient(options: ClientOptions): GonghuiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const store = options.store ?? memorySessionStore();
  const now = options.now ?? (() => new Date());
  const fixedToken = 'token' in options;
  const expired = (kept: Session) => Date.parse(kept.expiresAt) <= now().getTime();

  // No side effect: a component may ask while it renders. A request forgets an expired session.
  const session = () => {
    const kept = store.get();
    return kept && !expired(kept) ? kept : null;
  };

  // Only the session that was refused: a request answered after a sign-out and a new sign-in
  // must not end the new one, and several refused at once say so once.
  const signedOut = (token: string, error: GonghuiError) => {
    if (store.get()?.token !== token) return;
    store.set(null);
    options.onSignedOut?.(error);
  };

  const post = async <TData>(document: DocumentNode, variables: unknown, token: string | null | undefined, byId: boolean) => {
    let response: Response;
    try {
      response = await doFetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: bodyOf(document, variables, byId),
      });
    } catch (error) {
      throw networkError(`The API cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
    }
    let body: GraphQLResult<TData>;
    try {
      body = (await response.json()) as GraphQLResult<TData>;
    } catch {
      throw networkError(`The API answered ${response.status} without a GraphQL result.`, response.status);
    }
    if (typeof body !== 'object' || body === null || (!('data' in body) && !Array.isArray(body.errors))) {
      throw networkError(`The API answered ${response.status} without a GraphQL result.`, response.status);
    }
    return { body, status: response.status };
  };

  const send = async <TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
  ): Promise<{ body: GraphQLResult<TData>; status: number }> => {
    const kept = fixedToken ? null : store.get();
    if (kept && expired(kept)) {
      signedOut(
        kept.token,
        new GonghuiError([
          { message: 'Your sign-in has expired: log in again.', extensions: { code: 'UNAUTHENTICATED', reason: 'UNAUTHENTICATED' } },
        ]),
      );
    }
    const token = fixedToken ? options.token : session()?.token;
    const byId = idOf(document) !== undefined;
    let answer = await post<TData>(document, variables, token, byId);
    // An operation of your own, not among the server's trusted documents: a development server
    // (or one that allows arbitrary operations) runs its text. Refused before it ran: safe to send again.
    if (byId && answer.body.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND') {
      answer = await post<TData>(document, variables, token, false);
    }
    const refused = answer.body.errors?.find((e) => e.extensions?.code === 'UNAUTHENTICATED');
    if (!fixedToken && token && refused) signedOut(token, new GonghuiError([refused], answer.status));
    return answer;
  };

  // The REST endpoints beside /graphql (`…/graphql` → `…/api/…`): the same token, the same
  // codes, the same signing out.
  const rest = async <T>(path: string, init: { method?: string; body?: FormData } = {}): Promise<T> => {
    const token = fixedToken ? options.token : session()?.token;
    let response: Response;
    try {
      response = await doFetch(`${options.url.replace(/graphql\/?$/, '')}${path.replace(/^\//, '')}`, {
        method: init.method ?? 'GET',
        headers: token ? { authorization: `Bearer ${token}` } : {},
        ...(init.body ? { body: init.body } : {}),
      });
    } catch (error) {
      throw networkError(`The API cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw networkError(`The API answered ${response.status} without JSON.`, response.status);
    }
    if (response.ok) return body as T;
    const failure = (body as Partial<RestErrorBody>).error;
    if (!failure || typeof failure.code !== 'string') throw networkError(`The API answered ${response.status}.`, response.status);
    const error = new GonghuiError(
      [
        {
          message: failure.message,
          extensions: { code: failure.code, reason: failure.reason, ...(failure.field ? { field: failure.field } : {}) },
        },
      ],
      response.status,
    );
    if (!fixedToken && token && failure.code === 'UNAUTHENTICATED') signedOut(token, error);
    throw error;
  };

  const imports: ImportsApi = {
    upload(kind, { org, file, fileName, mode }) {
      const form = new FormData();
      form.append('org', org);
      if (mode) form.append('mode', mode);
      form.append('file', file, fileName);
      return rest<ImportView>(`/api/imports/${kind === 'WORKERS' ? 'workers' : 'archives'}`, { method: 'POST', body: form });
    },
    get: (id) => rest<ImportView>(`/api/imports/${encodeURIComponent(id)}`),
    problems: (id, page = {}) =>
      rest<ImportProblemPage>(`/api/imports/${encodeURIComponent(id)}/problems?offset=${page.offset ?? 0}&limit=${page.limit ?? 500}`),
    list: (org, limit = 20) => rest<ImportView[]>(`/api/imports?org=${encodeURIComponent(org)}&limit=${limit}`),
    async wait(id, { intervalMs = 500, onProgress, signal } = {}) {
      const aborted = () => (signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      for (;;) {
        if (signal?.aborted) throw aborted();
        const view = await imports.get(id);
        onProgress?.(view);
        if (FINISHED.includes(view.status)) return view;
        // One listener at a time: a long import is polled hundreds of times with the same signal.
        await new Promise<void>((resolve, reject) => {
          const stop = () => {
            clearTimeout(timer);
            reject(aborted());
          };
          const timer = setTimeout(() => {
            signal?.removeEventListener('abort', stop);
            resolve();
          }, intervalMs);
          signal?.addEventListener('abort', stop, { once: true });
        });
      }
    },
  };

  const request = async <TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables?: TVariables) => {
    const { body, status } = await send(document, variables);
    if (body.errors?.length) throw new GonghuiError(body.errors, status);
    return body.data as TData;
  };

  return {
    execute: async (document, variables) => (await send(document, variables)).body,
    request,
    async signIn(username, password) {
      const { login } = await createClient({ ...options, token: null }).request(LoginDocument, { username, password });
      const signedIn: Session = { token: login.token, expiresAt: String(login.expiresAt), viewer: login.viewer };
      store.set(signedIn);
      return signedIn;
    },
    signOut: () => store.set(null),
    session,
    withToken: (token) => createClient({ ...options, token }),
    imports,
  };
}
