import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { projectRoot } from '../config';

// Trusted documents: the operations of client/, as codegen's persisted-documents manifest lists
// them (id `sha256:<hex>` of each printed document). A client may send an operation by its id
// alone (`documentId`, or Apollo's `extensions.persistedQuery.sha256Hash`). A server that runs
// only trusted documents refuses any other text, so a stolen token cannot run queries the
// front-end never asks (bulk exports, probing); a deployment may allow arbitrary operations.

export const MANIFEST = path.join(projectRoot, 'client/generated/persisted-documents.json');

export type TrustedDocuments = ReadonlyMap<string, string>;

export function loadTrustedDocuments(file = MANIFEST): TrustedDocuments {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  return new Map(Object.entries(manifest));
}

/** The manifest, read again whenever the file changed: a development server takes `npm run codegen`'s new operations without a restart. */
export function reloadingTrustedDocuments(file = MANIFEST): () => TrustedDocuments {
  let readAt = -1;
  let documents: TrustedDocuments = new Map();
  return () => {
    try {
      const modified = statSync(file).mtimeMs;
      if (modified !== readAt) {
        documents = loadTrustedDocuments(file);
        readAt = modified;
      }
    } catch {
      // Missing, or half written while codegen runs: the last one read until it is whole (the
      // SDK sends an unknown id's text, which a development server runs).
    }
    return documents;
  };
}

function sha256Id(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

interface Problem {
  status: number;
  code: string;
  message: string;
}

function refuse(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply
    .code(problem.status)
    .type('application/json')
    .send({ errors: [{ message: problem.message, extensions: { code: problem.code } }] });
}

const UNKNOWN_ID: Problem = {
  status: 404,
  code: 'PERSISTED_QUERY_NOT_FOUND',
  message: 'No operation of the gonghui client has this document id: regenerate the client (npm run codegen) from this server’s schema.',
};
const UNTRUSTED: Problem = {
  status: 403,
  code: 'UNTRUSTED_DOCUMENT',
  message:
    'This server runs only the operations of the gonghui client, sent by their document id (client/generated/persisted-documents.json).',
};

/** The id a request names its document by, if it does. */
function documentIdOf(params: Record<string, unknown>): string | undefined {
  if (typeof params.documentId === 'string') return params.documentId;
  let extensions = params.extensions;
  if (typeof extensions === 'string') {
    try {
      extensions = JSON.parse(extensions) as unknown;
    } catch {
      return undefined; // Apollo answers the malformed extensions itself
    }
  }
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? `sha256:${hash}` : undefined;
}

/**
 * A Fastify preHandler for the GraphQL route: puts the trusted document in place of its id
 * (POST), and with `only`, refuses any document that is not one of them.
 */
export function trustedDocumentsHandler(trusted: () => TrustedDocuments, only: boolean) {
  // Returns the reply once it has refused (Fastify's way for an async hook to answer early).
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const post = request.method === 'POST';
    const params = post ? request.body : request.query;
    // Anything else (a batch, a malformed body): refused here when only trusted documents run, else by Apollo in its own words.
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
      return only && post ? refuse(reply, UNTRUSTED) : undefined;
    }
    const fields = params as Record<string, unknown>;
    const documents = trusted();
    const id = documentIdOf(fields);
    if (id !== undefined) {
      const document = documents.get(id);
      if (document === undefined) return refuse(reply, UNKNOWN_ID);
      if (typeof fields.query === 'string' && sha256Id(fields.query) !== id) return refuse(reply, UNKNOWN_ID);
      if (!post) {
        // Apollo reads a GET's parameters from the URL, which stays as sent: only the text itself passes.
        if (typeof fields.query !== 'string') {
          return refuse(reply, { ...UNTRUSTED, status: 400, message: 'Send an operation by its document id with POST.' });
        }
        return undefined;
      }
      fields.query = document;
      delete fields.documentId;
      // Apollo's own persisted queries are off (app.ts): its extension has done its work here.
      if (fields.extensions && typeof fields.extensions === 'object') {
        const { persistedQuery: _used, ...rest } = fields.extensions as Record<string, unknown>;
        fields.extensions = rest;
      }
      return undefined;
    }
    if (!only) return undefined;
    if (typeof fields.query === 'string' && documents.has(sha256Id(fields.query))) return undefined;
    return refuse(reply, UNTRUSTED);
  };
}
