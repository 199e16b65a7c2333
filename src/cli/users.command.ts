import type { Writable } from 'node:stream';
import { AuthService } from '../auth/auth.service.js';
import { UsersRepository } from '../auth/users.repository.js';
import type { Config } from '../config/config.js';
import { SitesRepository } from '../sites/sites.repository.js';
import { SitesService } from '../sites/sites.service.js';
import { withDatabase } from './with-database.js';

export const USERS_USAGE = `  users create --email E --password P [--admin] [--sites a,b] [--json]
                                      A moderator account (admin: every site; else only
                                      the listed sites, by name or id).
`;

export interface UsersCommandOptions {
  args: string[];
  email?: string;
  password?: string;
  admin: boolean;
  sites?: string;
  json: boolean;
  stdout: Writable;
  stderr: Writable;
}

/** `loupe users create`: moderator accounts against DATABASE_URL. */
export async function runUsersCommand(config: Config, options: UsersCommandOptions): Promise<number> {
  const { email, password } = options;
  if (options.args[1] !== 'create' || !email || !password) {
    options.stderr.write(`loupe: expected users create --email E --password P\n\n${USERS_USAGE}`);
    return 2;
  }
  return withDatabase(config, options.stderr, 'loupe', async (prisma) => {
    const sites = new SitesService(new SitesRepository(prisma), config);
    const siteIds: string[] = [];
    for (const name of (options.sites ?? '').split(',').map((s) => s.trim()).filter(Boolean)) siteIds.push((await sites.requireSite(name)).id);
    const user = await new AuthService(new UsersRepository(prisma)).createUser(email, password, options.admin ? 'admin' : 'moderator', siteIds);
    const summary = { id: user.id, email: user.email, role: user.role, siteIds: user.siteIds };
    options.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : `Created ${user.role} ${user.email} (${user.id})${user.role === 'admin' ? ', all sites' : `, sites: ${siteIds.length}`}.\n`);
    return 0;
  });
}
