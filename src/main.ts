import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { checkDependencies, installShutdown, loadConfigOrExit, startWorker } from './platform/bootstrap.js';
import { createHttpApp } from './platform/create-app.js';
import { AuthService } from './auth/auth.service.js';
import { SitesService } from './sites/sites.service.js';

/** `npm start`: the API, with an embedded worker unless LOUPE_ROLE=api (LOUPE_ROLE=worker: worker only). */
async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  if (config.LOUPE_ROLE === 'worker') {
    await import('./worker.js');
    return;
  }
  const unreachable = await checkDependencies(config);
  if (unreachable) {
    process.stderr.write(`loupe: ${unreachable}\n`);
    process.exit(1);
  }
  const app = await createHttpApp(config);
  const logger = new Logger('Loupe');
  const created = await app.get(SitesService).ensureDefaultSite();
  if (created) {
    // Printed, never logged: the key is shown this once and only its hash is stored.
    process.stdout.write(`\nCreated site "${created.site.name}" (${created.site.id}).\nIts API key, shown only now:\n\n  ${created.key}\n\nMore keys: npm run loupe -- keys create ${created.site.name}\n\n`);
  }
  if (!(await app.get(AuthService).hasUsers())) {
    process.stdout.write('No moderator accounts yet. Create the first admin with:\n\n  npm run loupe -- users create --email you@example.org --password \'a long password\' --admin\n\nthen sign in at /moderate.\n\n');
  }
  if (config.LOUPE_ROLE === 'all') await startWorker(app);
  installShutdown(app, () => app.getHttpAdapter().getInstance().close(), (line) => logger.log(line));
  await app.listen({ port: config.PORT, host: config.HOST });
  const shown = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  logger.log(`Listening on http://${shown}:${config.PORT} (role ${config.LOUPE_ROLE}); API docs at /docs`);
}

void bootstrap();
