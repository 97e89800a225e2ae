// A small typed client for the gonghui API: pass a generated document, get typed data back.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';

export * from './generated/graphql';

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; reason?: string; field?: string; [key: string]: unknown };
}

export interface GraphQLResult<TData> {
  data?: TData | null;
  errors?: GraphQLErrorShape[];
}

/** Thrown by `request` when the answer carries errors; `code` is the first error's extensions.code. */
export class GonghuiError extends Error {
  readonly code: string | undefined;
  constructor(readonly errors: GraphQLErrorShape[]) {
    super(errors.map((e) => e.message).join('; '));
    this.code = errors[0]?.extensions?.code;
  }
}

export interface GonghuiClient {
  /** The raw answer: data and errors side by side (for partial results). */
  execute<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables?: TVariables): Promise<GraphQLResult<TData>>;
  /** The data, or a GonghuiError. */
  request<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables?: TVariables): Promise<TData>;
  withToken(token: string | null): GonghuiClient;
}

const printed = new WeakMap<DocumentNode, string>();

export function createClient(options: { url: string; token?: string | null; fetch?: typeof fetch }): GonghuiClient {
  const doFetch = options.fetch ?? fetch;
  const execute = async <TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables?: TVariables) => {
    // A generated document travels as its id (the server holds the text: trusted documents);
    // one written by hand, as its text.
    const documentId = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
    let query: string | undefined;
    if (documentId === undefined) {
      query = printed.get(document);
      if (query === undefined) {
        query = print(document);
        printed.set(document, query);
      }
    }
    const response = await doFetch(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: JSON.stringify(documentId === undefined ? { query, variables: variables ?? {} } : { documentId, variables: variables ?? {} }),
    });
    const body = (await response.json()) as GraphQLResult<TData>;
    return body;
  };
  return {
    execute,
    async request(document, variables) {
      const result = await execute(document, variables);
      if (result.errors?.length) throw new GonghuiError(result.errors);
      return result.data as never;
    },
    withToken: (token) => createClient({ ...options, token }),
  };
}
