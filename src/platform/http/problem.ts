import { HttpException } from '@nestjs/common';
import { DomainError, type FieldError } from './domain-error.js';

/** RFC 9457 problem details, the only error body Loupe sends. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  code: string;
  errors?: FieldError[];
}

export interface ProblemResponse {
  body: Problem;
  headers: Record<string, string>;
  /** Unexpected: log the error with everything; the client only learns the request id. */
  unexpected: boolean;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

// node-postgres and pg's pool errors that mean "PostgreSQL cannot be reached right now".
const DATABASE_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);
const DATABASE_DOWN_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED|Can't reach database server/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && DATABASE_DOWN_CODES.has(code)) return true;
  if (DATABASE_DOWN_MESSAGES.test(error.message)) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isDatabaseUnavailable(cause);
}

// Fastify's own request errors (body parsing, limits) keep their status; give them clear words.
const FASTIFY_ERRORS: Record<string, { code: string; title: string; detail?: (e: Error) => string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'request/unsupported_media_type',
    title: 'Unsupported media type',
    detail: () => 'Send the body as JSON with "Content-Type: application/json".',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'request/too_large', title: 'Request body too large' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'request/invalid_length', title: 'Invalid Content-Length' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'request/empty_body',
    title: 'Empty body',
    detail: () => 'The request has "Content-Type: application/json" but no body.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'request/invalid_json', title: 'Malformed JSON' },
};

// Nest turns Fastify's parsing errors into HttpExceptions that keep only the status.
const HTTP_ERRORS: Record<number, { code: string; title: string; detail?: (ids: ProblemIds, bodyLimit: number) => string }> = {
  400: { code: 'request/bad_request', title: 'Bad request' },
  404: { code: 'route/not_found', title: 'Not found', detail: (ids) => `There is no route ${ids.instance}; see /docs for the API.` },
  405: { code: 'route/method_not_allowed', title: 'Method not allowed' },
  413: { code: 'request/too_large', title: 'Request body too large', detail: (_ids, limit) => `The request body is larger than ${limit} bytes.` },
  415: { code: 'request/unsupported_media_type', title: 'Unsupported media type', detail: () => 'Send the body as JSON with "Content-Type: application/json".' },
};

function typeFor(code: string): string {
  return `urn:loupe:problem:${code}`;
}

function problem(status: number, code: string, title: string, detail: string, ids: ProblemIds, errors?: FieldError[]): Problem {
  return { type: typeFor(code), title, status, detail, instance: ids.instance, requestId: ids.requestId, code, ...(errors ? { errors } : {}) };
}

export interface ProblemIds {
  instance: string;
  requestId: string;
}

export function toProblem(error: unknown, ids: ProblemIds, bodyLimit: number): ProblemResponse {
  if (error instanceof DomainError) {
    return { body: problem(error.status, error.code, error.title, error.detail, ids, error.errors), headers: error.headers ?? {}, unexpected: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const known = HTTP_ERRORS[status];
    const detail = known?.detail?.(ids, bodyLimit) ?? error.message;
    return { body: problem(status, known?.code ?? `http/${status}`, known?.title ?? error.name, detail, ids), headers: {}, unexpected: status >= 500 };
  }
  const fastifyCode = (error as { code?: unknown })?.code;
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof fastifyCode === 'string' && typeof statusCode === 'number' && statusCode < 500) {
    const known = FASTIFY_ERRORS[fastifyCode];
    const message = (error as Error).message;
    const detail =
      fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? `The request body is larger than ${bodyLimit} bytes.`
        : (known?.detail?.(error as Error) ?? message);
    return {
      body: problem(statusCode, known?.code ?? `request/${fastifyCode.toLowerCase()}`, known?.title ?? 'Bad request', detail, ids),
      headers: {},
      unexpected: false,
    };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      body: problem(503, 'service/database_unavailable', 'Service unavailable', 'The database is not reachable; nothing was stored. Retry later.', ids),
      headers: { 'retry-after': '5' },
      unexpected: false,
    };
  }
  return {
    body: problem(500, 'service/internal', 'Internal error', `Something went wrong on our side; quote request id ${ids.requestId} when reporting it.`, ids),
    headers: {},
    unexpected: true,
  };
}
