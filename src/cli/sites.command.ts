import type { Writable } from 'node:stream';
import type { Config } from '../config/config.js';
import { SitesRepository } from '../sites/sites.repository.js';
import { SitesService } from '../sites/sites.service.js';
import { withDatabase } from './with-database.js';

export interface SitesCommandOptions {
  /** e.g. ['sites', 'create', 'zeitung'] or ['keys', 'create', 'zeitung'] */
  args: string[];
  json: boolean;
  name?: string;
  stdout: Writable;
  stderr: Writable;
}

export const SITES_USAGE = `  sites create NAME [--json]          A new site; --json prints {"id","name"}.
  sites list [--json]
  keys create SITE [--name N] [--json] A new API key for SITE (name or id), shown once;
                                      --json prints {"siteId","key"}.
  keys list SITE [--json]             Keys of SITE (prefix, name, created, revoked).
  keys revoke KEY_ID|PREFIX           Revoke a key at once.
`;

/** `loupe sites …` and `loupe keys …`: site and API-key administration against DATABASE_URL. */
export async function runSitesCommand(config: Config, options: SitesCommandOptions): Promise<number> {
  const out = (human: string, json: unknown): void => {
    options.stdout.write(options.json ? `${JSON.stringify(json)}\n` : `${human}\n`);
  };
  return withDatabase(config, options.stderr, 'loupe', async (prisma) => {
    const sites = new SitesService(new SitesRepository(prisma), config);
    const [group, verb, arg] = options.args;
    switch (`${group} ${verb}`) {
      case 'sites create': {
        if (!arg) return usage(options, 'sites create needs a NAME');
        const site = await sites.createSite(arg);
        out(`Created site "${site.name}" (${site.id}). Create its API key with: loupe keys create ${site.name}`, { id: site.id, name: site.name });
        return 0;
      }
      case 'sites list': {
        const all = await prisma.client.site.findMany({ orderBy: { createdAt: 'asc' } });
        out(all.map((s) => `${s.id}  ${s.name}`).join('\n') || '(no sites)', all.map((s) => ({ id: s.id, name: s.name, createdAt: s.createdAt })));
        return 0;
      }
      case 'keys create': {
        if (!arg) return usage(options, 'keys create needs a SITE');
        const { site, key, row } = await sites.createKey(arg, options.name);
        out(`API key for site "${site.name}" (key id ${row.id}), shown only now:\n\n  ${key}\n`, { siteId: site.id, key });
        return 0;
      }
      case 'keys list': {
        if (!arg) return usage(options, 'keys list needs a SITE');
        const site = await sites.requireSite(arg);
        const keys = await sites.listKeys(site.id);
        out(
          keys.map((k) => `${k.id}  ${k.prefix}…  ${k.name}  created ${k.createdAt.toISOString()}${k.revokedAt ? `  REVOKED ${k.revokedAt.toISOString()}` : ''}`).join('\n') || '(no keys)',
          keys,
        );
        return 0;
      }
      case 'keys revoke': {
        if (!arg) return usage(options, 'keys revoke needs a KEY_ID or prefix');
        const row = await sites.revokeKey(arg);
        out(`Revoked key ${row.id} (${row.prefix}…).`, row);
        return 0;
      }
      default:
        return usage(options, `unknown command "${options.args.slice(0, 2).join(' ')}"`);
    }
  });
}

function usage(options: SitesCommandOptions, problem: string): number {
  options.stderr.write(`loupe: ${problem}\n\n${SITES_USAGE}`);
  return 2;
}
