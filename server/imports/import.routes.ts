import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import type { RestErrorBody } from '../../client/imports';
import { callerFromHeader } from '../auth/caller';
import type { TokenKeys } from '../auth/tokens';
import { requireCaller } from '../context';
import { AppError, badInput, notFound, type ErrorCode } from '../errors';
import type { Org } from '../org/org.entity';
import type { ImportKind } from './import-columns';
import { ImportMode } from './import.entity';
import { templateCsv, templateXlsx } from './import-template';
import type { ImportService } from './import.service';

// The REST face of imports: multipart upload (a file is no GraphQL argument), the import's
// state to poll, its problems page by page, and the templates. Errors answer as the GraphQL
// API's do: a stable code, the module's reason and the field at fault; never a stack or SQL.

/** The largest file accepted: 200,000 rows of a roster are about 25 MB as CSV. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

const KINDS: Record<string, ImportKind> = { workers: 'WORKERS', archives: 'ARCHIVES' };
const STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_ATTEMPTS: 429,
};

// The multipart plugin's refusals, in our words.
const MULTIPART_REFUSALS: Record<string, [status: number, reason: string, message: string]> = {
  FST_REQ_FILE_TOO_LARGE: [
    413,
    'FILE_TOO_LARGE',
    `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB: split it into several files.`,
  ],
  FST_FILES_LIMIT: [400, 'ONE_FILE', 'Send one file per import.'],
  FST_PARTS_LIMIT: [400, 'TOO_MANY_PARTS', 'Send the file with the fields org and mode, nothing more.'],
  FST_FIELDS_LIMIT: [400, 'TOO_MANY_PARTS', 'Send the file with the fields org and mode, nothing more.'],
  FST_PROTO_VIOLATION: [400, 'BAD_MULTIPART', 'The request is not well-formed multipart/form-data.'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, 'NOT_MULTIPART', 'Send the file as multipart/form-data, in a part named "file".'],
};

/** An error of reading the request's body (busboy's own carry no code) as the client's; our disk's stay ours. */
function asBodyError(error: unknown): unknown {
  if (error instanceof AppError || MULTIPART_REFUSALS[(error as { code?: string }).code ?? ''] || (error as { syscall?: string }).syscall)
    return error;
  return badInput('BAD_MULTIPART', 'The request is not well-formed multipart/form-data.', 'file');
}

function send(reply: FastifyReply, status: number, error: RestErrorBody['error']) {
  return reply.code(status).header('cache-control', 'no-store').send({ error });
}

function modeOf(raw: string | undefined): ImportMode {
  if (raw === undefined || raw === '') return ImportMode.ALL_OR_NOTHING;
  if (!Object.values(ImportMode).includes(raw as ImportMode))
    throw badInput('MODE_INVALID', `mode must be one of ${Object.values(ImportMode).join(', ')}.`, 'mode');
  return raw as ImportMode;
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** The client's name for the file, without any path, control characters or excess length. */
function fileNameOf(raw: string | undefined): string {
  const name = basename((raw ?? '').replace(/\\/g, '/'))
    .replace(CONTROL_CHARACTERS, '')
    .trim();
  return (name || 'upload').slice(0, 255);
}

/** Uploads left by a server that stopped mid-import (a running import's file is minutes old at most). */
async function removeLeftovers(dir: string): Promise<void> {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of await readdir(dir)) {
    const file = join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && info.mtimeMs < hourAgo) await rm(file, { force: true });
  }
}

export async function registerImportRoutes(app: FastifyInstance, db: DataSource, keys: TokenKeys, service: ImportService): Promise<void> {
  const spoolDir = join(tmpdir(), 'gonghui-imports');
  await mkdir(spoolDir, { recursive: true, mode: 0o700 });
  await removeLeftovers(spoolDir);

  const callerOf = async (request: FastifyRequest) => requireCaller(await callerFromHeader(db, keys, request.headers.authorization));

  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 6, headerPairs: 50 },
    });
    scope.setErrorHandler((error, request, reply) => {
      if (error instanceof AppError) {
        const { code, reason, field } = error.extensions as { code: ErrorCode; reason: string; field?: string };
        return send(reply, STATUS[code], { code, reason, message: error.message, ...(field ? { field } : {}) });
      }
      const known = MULTIPART_REFUSALS[(error as { code?: string }).code ?? ''];
      if (known) return send(reply, known[0], { code: 'BAD_USER_INPUT', reason: known[1], message: known[2], field: 'file' });
      const status = (error as { statusCode?: number }).statusCode;
      if (status && status >= 400 && status < 500)
        return send(reply, status, { code: 'BAD_REQUEST', reason: 'BAD_REQUEST', message: 'The request could not be read.' });
      request.log.error({ err: error }, 'unexpected error in an import request');
      return send(reply, 500, {
        code: 'INTERNAL_SERVER_ERROR',
        reason: 'INTERNAL',
        message: `Something went wrong on our side (request ${request.id}).`,
      });
    });

    scope.get<{ Params: { file: string } }>('/api/imports/templates/:file', async (request, reply) => {
      const match = /^(workers|archives)\.(xlsx|csv)$/.exec(request.params.file);
      if (!match) throw notFound('template');
      const kind = KINDS[match[1]!]!;
      const name = `${kind === 'WORKERS' ? '职工名册' : '困难职工档案'}导入模板.${match[2]}`;
      return reply
        .header(
          'content-type',
          match[2] === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
        )
        .header(
          'content-disposition',
          `attachment; filename="${match[1]}-template.${match[2]}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('cache-control', 'no-cache')
        .send(match[2] === 'xlsx' ? await templateXlsx(kind) : templateCsv(kind));
    });

    scope.post<{ Params: { kind: string }; Querystring: Record<string, string> }>('/api/imports/:kind', async (request, reply) => {
      const kind = KINDS[request.params.kind];
      if (!kind) throw notFound('kind of import (workers or archives)');
      const caller = await callerOf(request);
      if (!request.isMultipart()) throw badInput('NOT_MULTIPART', 'Send the file as multipart/form-data, in a part named "file".', 'file');
      const fields: Record<string, string | undefined> = { org: request.query.org, mode: request.query.mode };
      let spooled: { path: string; fileName: string } | null = null;
      let org: Org | null = null;
      try {
        const parts = request.parts()[Symbol.asyncIterator]();
        for (;;) {
          const next = await parts.next().catch((error: unknown) => {
            throw asBodyError(error);
          });
          if (next.done) break;
          const part = next.value;
          if (part.type === 'field') {
            if (part.fieldname === 'org' || part.fieldname === 'mode') fields[part.fieldname] = String(part.value);
            continue;
          }
          if (part.fieldname !== 'file') {
            part.file.resume();
            throw badInput('FILE_FIELD', `Send the spreadsheet in a part named "file", not "${part.fieldname.slice(0, 40)}".`, 'file');
          }
          // Fields sent before the file are checked before it is read.
          modeOf(fields.mode);
          if (fields.org) org = await service.targetOf(caller, kind, fields.org);
          spooled = { path: join(spoolDir, randomUUID()), fileName: fileNameOf(part.filename) };
          await pipeline(part.file, createWriteStream(spooled.path, { mode: 0o600 })).catch((error: unknown) => {
            throw asBodyError(error);
          });
        }
        if (!spooled) throw badInput('FILE_REQUIRED', 'Attach the spreadsheet (XLSX or CSV) in a part named "file".', 'file');
        const mode = modeOf(fields.mode);
        org ??= await service.targetOf(caller, kind, fields.org);
        const { size } = await stat(spooled.path);
        const view = await service.accept(caller, { kind, org, mode, fileName: spooled.fileName, fileBytes: size, path: spooled.path });
        spooled = null; // the queue's now: it removes the file when the import ends
        return reply.code(202).header('location', `/api/imports/${view.id}`).header('cache-control', 'no-store').send(view);
      } finally {
        if (spooled) await rm(spooled.path, { force: true });
      }
    });

    scope.get<{ Params: { id: string } }>('/api/imports/:id', async (request, reply) => {
      const caller = await callerOf(request);
      const view = await service.find(caller, request.params.id);
      if (!view) throw notFound('import', 'id');
      return reply.header('cache-control', 'no-store').send(view);
    });

    scope.get<{ Params: { id: string }; Querystring: { offset?: string; limit?: string } }>(
      '/api/imports/:id/problems',
      async (request, reply) => {
        const caller = await callerOf(request);
        const page = await service.problems(
          caller,
          request.params.id,
          Number(request.query.offset ?? 0),
          Number(request.query.limit ?? 500),
        );
        if (!page) throw notFound('import', 'id');
        return reply.header('cache-control', 'no-store').send(page);
      },
    );

    scope.get<{ Querystring: { org?: string; limit?: string } }>('/api/imports', async (request, reply) => {
      const caller = await callerOf(request);
      const list = await service.list(caller, request.query.org, Number(request.query.limit ?? 20));
      return reply.header('cache-control', 'no-store').send(list);
    });
  });
}
