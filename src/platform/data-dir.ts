import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A folder under the package's `data/` (`lists`, `eval`), found by walking up from this module:
 * the same from `src/` under ts-jest and from `dist/src/` when built. `marker` names a file or
 * folder that must be inside it.
 */
export function findDataDir(name: string, marker = ''): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'data', name);
    if (existsSync(join(candidate, marker))) return candidate;
    dir = dirname(dir);
  }
  return null;
}
