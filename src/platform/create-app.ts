import type { Server } from 'node:http';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyHttpOptions } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppModule, requestId } from '../app.module.js';
import { docsEnabled, type Config } from '../config/config.js';
import { answerClientError, answerConnect, answerExpectation } from './http/client-errors.js';
import { DomainError } from './http/domain-error.js';
import { registerStrictJsonParser } from './http/json-body.js';
import { lingerAfterAnswer } from './http/lingering-close.js';
import type { ProblemContext } from './http/problem.js';
import { ProblemFilter, sendProblem } from './http/problem.filter.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { QuietStartupLogger } from './quiet-startup-logger.js';

/**
 * The HTTP application, the same for `npm start` and the tests: Fastify (measured ~2x the
 * throughput of Express under Nest here), strict JSON parsing, problem+json for every error
 * (down to the HTTP parser's), security headers on every response, OpenAPI at /docs when enabled.
 */
export interface HttpAppOptions {
  logger?: boolean;
  /**
   * Serve the Swagger UI at /docs (default). In-process Jest tests turn it off: its static files
   * come through @fastify/static, whose ESM-only dependency Jest's module loader cannot require
   * on Node 20; the spawned-process tests check /docs instead.
   */
  docs?: boolean;
}

// Fastify's default; named so the problem for an overlong parameter can say it.
const MAX_PARAM_LENGTH = 100;
const MAX_HEADER_SIZE = 16 * 1024;

/**
 * LOUPE_TRUST_PROXY for Fastify. A hop count becomes "the nearest N hops are proxies", as in
 * Express: Fastify 5.12 reads a bare number as "trust no one" (it cannot check the peer), which
 * would silently ignore the setting.
 */
export function trustProxyOption(setting: Config['LOUPE_TRUST_PROXY']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting !== 'number') return setting;
  return (_address, hop) => hop < setting;
}

export async function createHttpApp(config: Config, options: HttpAppOptions = {}): Promise<NestFastifyApplication> {
  const docs = docsEnabled(config);
  const problems: ProblemContext = { bodyLimit: config.LOUPE_BODY_LIMIT_BYTES, docs, maxParamLength: MAX_PARAM_LENGTH };
  const edgeLogger = new NestLogger('HttpEdge');
  const fastifyOptions: FastifyHttpOptions<Server> = {
    bodyLimit: config.LOUPE_BODY_LIMIT_BYTES,
    genReqId: requestId,
    return503OnClosing: true,
    trustProxy: trustProxyOption(config.LOUPE_TRUST_PROXY),
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Node would answer a missing Host with an empty 400 of its own; the hook below answers it.
    http: { requireHostHeader: false, maxHeaderSize: MAX_HEADER_SIZE },
    // The router refuses a bad percent-escape or an overlong parameter before any hook runs.
    frameworkErrors: (error, request, reply) => sendProblem(error, request, reply, problems, edgeLogger),
    clientErrorHandler: (error, socket) => answerClientError(error, socket, MAX_HEADER_SIZE),
  };
  const adapter = new FastifyAdapter(fastifyOptions);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bodyParser: false,
    bufferLogs: true,
    ...(options.logger === false ? { logger: false } : {}),
  });
  if (options.logger !== false) app.useLogger(new QuietStartupLogger(app.get(Logger)));
  const fastify = app.getHttpAdapter().getInstance();
  // Node's own answers to these are a bare 417 and a dropped connection.
  fastify.server.on('checkExpectation', answerExpectation);
  fastify.server.on('connect', answerConnect);
  registerStrictJsonParser(fastify, config.LOUPE_BODY_LIMIT_BYTES);
  registerSecurityHeaders(fastify, docs);
  fastify.addHook('onSend', async (request, reply) => {
    // Once closing, in-flight requests answer "Connection: close": a kept-alive socket would
    // otherwise hold fastify.close() for the keep-alive timeout (72 s), past the shutdown limit.
    // An answer given before the body was read (415, 413, 401) closes too: keeping the
    // connection would make Node read and discard the whole body, up to the CSV limit; it closes
    // lingering, so that the client reads the answer rather than a reset.
    if (!request.raw.complete) lingerAfterAnswer(request.raw.socket);
    if (!fastify.server.listening || !request.raw.complete) void reply.header('connection', 'close');
  });
  fastify.addHook('onRequest', async (request, reply) => {
    (request.raw as typeof request.raw & { id?: string }).id = String(request.id);
    void reply.header('x-request-id', request.id);
    if (request.raw.httpVersion === '1.1' && !request.headers.host) {
      throw new DomainError('request/missing_host', 400, 'Missing Host header', 'An HTTP/1.1 request must carry a Host header.');
    }
  });
  app.useGlobalFilters(new ProblemFilter(problems));
  if (docs) setUpDocs(app, options);
  return app;
}

function setUpDocs(app: NestFastifyApplication, options: HttpAppOptions): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Loupe')
      .setDescription('Comment moderation and misinformation flagging. Errors are RFC 9457 application/problem+json.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A site API key (loupe keys create <site>)' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', swaggerUiEnabled: options.docs !== false });
}
