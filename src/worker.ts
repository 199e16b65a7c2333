import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { checkDependencies, installShutdown, loadConfigOrExit, startWorker } from './platform/bootstrap.js';

/** `npm run start:worker`: analysis worker and sweeper only, no HTTP. Scale out with more of these. */
async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const unreachable = await checkDependencies(config);
  if (unreachable) {
    process.stderr.write(`loupe: ${unreachable}\n`);
    process.exit(1);
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, { http: false }), { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  const logger = new Logger('Loupe');
  await startWorker(app);
  installShutdown(app, async () => undefined, (line) => logger.log(line));
  logger.log(`Worker started (concurrency ${config.LOUPE_WORKER_CONCURRENCY})`);
}

void bootstrap();
