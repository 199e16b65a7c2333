import type { Writable } from 'node:stream';
import type { Config } from '../config/config.js';
import { DomainError } from '../platform/http/domain-error.js';
import { PrismaService } from '../platform/prisma.service.js';

/**
 * Runs a command against DATABASE_URL: the connection is closed afterwards, and a refusal the
 * services explain (a DomainError) is printed as `<name>: <detail>` with exit status 1.
 */
export async function withDatabase(config: Config, stderr: Writable, name: string, run: (prisma: PrismaService) => Promise<number>): Promise<number> {
  const prisma = new PrismaService(config);
  try {
    return await run(prisma);
  } catch (e) {
    if (e instanceof DomainError) {
      stderr.write(`${name}: ${e.detail}\n`);
      return 1;
    }
    throw e;
  } finally {
    await prisma.onApplicationShutdown();
  }
}
