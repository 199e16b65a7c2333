import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One file of the page, read once at start: its bytes, content type and a strong ETag. */
export interface PageAsset {
  body: Buffer;
  contentType: string;
  etag: string;
  /** Short content hash, used as `?v=` in the HTML so the assets can be cached for good. */
  version: string;
}

export interface PageAssets {
  html: PageAsset;
  js: PageAsset;
  css: PageAsset;
}

/**
 * The browser files ship in `web/moderate/` at the package root, found from this module's
 * location (src/moderator-page under ts-jest, dist/src/moderator-page when compiled).
 */
export function findWebDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'web', 'moderate');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('web/moderate not found next to the Loupe package');
}

function asset(body: Buffer, contentType: string): PageAsset {
  const hash = createHash('sha256').update(body).digest('base64url');
  return { body, contentType, etag: `"${hash.slice(0, 27)}"`, version: hash.slice(0, 12) };
}

/** Reads the page once; the HTML gets the assets' content hashes so a deploy is never half cached. */
export function loadPageAssets(dir: string = findWebDir()): PageAssets {
  const js = asset(readFileSync(join(dir, 'app.js')), 'text/javascript; charset=utf-8');
  const css = asset(readFileSync(join(dir, 'app.css')), 'text/css; charset=utf-8');
  const html = readFileSync(join(dir, 'index.html'), 'utf8')
    .replace('/moderate/app.js"', `/moderate/app.js?v=${js.version}"`)
    .replace('/moderate/app.css"', `/moderate/app.css?v=${css.version}"`);
  return { html: asset(Buffer.from(html, 'utf8'), 'text/html; charset=utf-8'), js, css };
}
