import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Creates the database at `databaseUrl` if missing, drops everything in it and applies the
 * migrations (the same offline migrate script `pretest` uses for the shared test database).
 */
export async function resetDatabase(databaseUrl: string): Promise<void> {
  await run(process.execPath, ['scripts/prisma-wasm-migrate.mjs', 'reset', '--force'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    maxBuffer: 16 * 1024 * 1024,
  }).catch((e: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`resetting ${databaseUrl} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  });
}

/** The real `loupe` command against `databaseUrl`, with --json: its answer, parsed. */
export async function loupeCli(databaseUrl: string, ...args: string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, ['bin/loupe.js', ...args], { env: { ...process.env, DATABASE_URL: databaseUrl } }).catch(
    (e: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`loupe ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    },
  );
  return JSON.parse(stdout.trim()) as unknown;
}

/** A new site and one API key for it, made with the real `loupe` command as an operator would. */
export async function createSiteWithKey(databaseUrl: string, name: string): Promise<{ siteId: string; key: string }> {
  const loupe = (...args: string[]): Promise<unknown> => loupeCli(databaseUrl, ...args);
  const site = (await loupe('sites', 'create', name, '--json')) as { id: string; name: string };
  const key = (await loupe('keys', 'create', name, '--json')) as { siteId: string; key: string };
  if (key.siteId !== site.id) throw new Error(`keys create answered site ${key.siteId}, expected ${site.id}`);
  return { siteId: site.id, key: key.key };
}
