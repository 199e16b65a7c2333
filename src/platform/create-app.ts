import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, requestId } from '../app.module.js';
import type { Config } from '../config/config.js';
import { registerStrictJsonParser } from './http/json-body.js';
import { ProblemFilter } from './http/problem.filter.js';
import { QuietStartupLogger } from './quiet-startup-logger.js';

/**
 * The HTTP application, the same for `npm start` and the tests: Fastify (measured ~2x the
 * throughput of Express under Nest here), strict JSON parsing, problem+json for every error,
 * OpenAPI at /docs.
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

export async function createHttpApp(config: Config, options: HttpAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.LOUPE_BODY_LIMIT_BYTES,
    genReqId: requestId,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bodyParser: false,
    bufferLogs: true,
    ...(options.logger === false ? { logger: false } : {}),
  });
  if (options.logger !== false) app.useLogger(new QuietStartupLogger(app.get(Logger)));
  const fastify = app.getHttpAdapter().getInstance();
  registerStrictJsonParser(fastify, config.LOUPE_BODY_LIMIT_BYTES);
  // Once closing, in-flight requests answer "Connection: close": a kept-alive socket would
  // otherwise hold fastify.close() for the keep-alive timeout (72 s), past the shutdown limit.
  fastify.addHook('onSend', async (_request, reply) => {
    if (!fastify.server.listening) void reply.header('connection', 'close');
  });
  fastify.addHook('onRequest', async (request, reply) => {
    (request.raw as typeof request.raw & { id?: string }).id = String(request.id);
    void reply.header('x-request-id', request.id);
  });
  app.useGlobalFilters(new ProblemFilter(config.LOUPE_BODY_LIMIT_BYTES));
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
  return app;
}
