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

/** What the words of a problem depend on besides the error. */
export interface ProblemContext {
  /** LOUPE_BODY_LIMIT_BYTES, named when a JSON body is too large. */
  bodyLimit: number;
  /** Whether /docs is served, so a 404 only points there when it exists. */
  docs: boolean;
  /** The router's longest path parameter. */
  maxParamLength?: number;
}

// Fastify's own request errors (router, body parsing, limits) keep their status; give them clear words.
const FASTIFY_ERRORS: Record<string, { code: string; title: string; detail?: (e: Error, context: ProblemContext) => string }> = {
  FST_ERR_BAD_URL: {
    code: 'request/bad_url',
    title: 'Malformed URL',
    detail: () => 'The path holds a malformed percent-escape or one that does not decode to UTF-8; a literal "%" is written %25.',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'request/path_parameter_too_long',
    title: 'Path parameter too long',
    detail: (_e, context) => `A path parameter is longer than ${context.maxParamLength ?? 100} characters; no id is that long.`,
  },
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
const HTTP_ERRORS: Record<number, { code: string; title: string; detail?: (ids: ProblemIds, context: ProblemContext) => string }> = {
  400: { code: 'request/bad_request', title: 'Bad request' },
  404: {
    code: 'route/not_found',
    title: 'Not found',
    detail: (ids, context) => `There is no route ${ids.instance}${context.docs ? '; see /docs for the API' : ''}.`,
  },
  405: { code: 'route/method_not_allowed', title: 'Method not allowed' },
  413: { code: 'request/too_large', title: 'Request body too large', detail: (_ids, context) => `The request body is larger than ${context.bodyLimit} bytes.` },
  415: { code: 'request/unsupported_media_type', title: 'Unsupported media type', detail: () => 'Send the body as JSON with "Content-Type: application/json".' },
};

function typeFor(code: string): string {
  return `urn:loupe:problem:${code}`;
}

export function problemBody(status: number, code: string, title: string, detail: string, ids: ProblemIds, errors?: FieldError[]): Problem {
  return { type: typeFor(code), title, status, detail, instance: ids.instance, requestId: ids.requestId, code, ...(errors ? { errors } : {}) };
}

export interface ProblemIds {
  instance: string;
  requestId: string;
}

export function toProblem(error: unknown, ids: ProblemIds, context: ProblemContext): ProblemResponse {
  if (error instanceof DomainError) {
    return { body: problemBody(error.status, error.code, error.title, error.detail, ids, error.errors), headers: error.headers ?? {}, unexpected: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const known = HTTP_ERRORS[status];
    const detail = known?.detail?.(ids, context) ?? error.message;
    return { body: problemBody(status, known?.code ?? `http/${status}`, known?.title ?? error.name, detail, ids), headers: {}, unexpected: status >= 500 };
  }
  const fastifyCode = (error as { code?: unknown })?.code;
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof fastifyCode === 'string' && typeof statusCode === 'number' && statusCode < 500) {
    const known = FASTIFY_ERRORS[fastifyCode];
    const message = (error as Error).message;
    const detail =
      fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? `The request body is larger than ${context.bodyLimit} bytes.`
        : (known?.detail?.(error as Error, context) ?? message);
    return {
      body: problemBody(statusCode, known?.code ?? `request/${fastifyCode.toLowerCase()}`, known?.title ?? 'Bad request', detail, ids),
      headers: {},
      unexpected: false,
    };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      body: problemBody(503, 'service/database_unavailable', 'Service unavailable', 'The database is not reachable; nothing was stored. Retry later.', ids),
      headers: { 'retry-after': '5' },
      unexpected: false,
    };
  }
  return {
    body: problemBody(500, 'service/internal', 'Internal error', `Something went wrong on our side; quote request id ${ids.requestId} when reporting it.`, ids),
    headers: {},
    unexpected: true,
  };
}
