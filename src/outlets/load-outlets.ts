import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileOutlets, type CompiledOutlets } from '../analysis/index.js';
import { findDataDir } from '../platform/data-dir.js';
import { OutletsFileSchema } from './outlets-file.schema.js';

export class OutletsFileError extends Error {
  constructor(
    readonly file: string,
    problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'OutletsFileError';
  }
}

/** The bundled outlet list ships as `data/outlets/outlets.json` at the package root. */
export function findBundledOutletsFile(): string {
  const dir = findDataDir('outlets', 'outlets.json');
  if (dir === null) throw new Error('data/outlets/outlets.json not found next to the Loupe package; set LOUPE_OUTLETS_FILE');
  return join(dir, 'outlets.json');
}

/**
 * Reads, validates and compiles an outlet file: what AnalysisContext.outlets takes. An official
 * domain listed for two outlets is an error: the file would say two things about one site.
 */
export function loadCompiledOutlets(file: string = findBundledOutletsFile()): CompiledOutlets {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new OutletsFileError(file, [`cannot read it as JSON: ${(e as Error).message}`]);
  }
  const parsed = OutletsFileSchema.safeParse(json);
  if (!parsed.success) throw new OutletsFileError(file, parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  const seen = new Map<string, string>();
  for (const outlet of parsed.data.outlets) {
    for (const domain of outlet.domains) {
      const other = seen.get(domain);
      if (other !== undefined) throw new OutletsFileError(file, [`${domain} is listed for both ${other} and ${outlet.name}`]);
      seen.set(domain, outlet.name);
    }
  }
  return compileOutlets(parsed.data.outlets, parsed.data.version);
}
