import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PAGE_ASSETS } from './moderator-page.tokens.js';
import type { PageAsset, PageAssets } from './page-assets.js';

/**
 * Comment text is untrusted and the page only ever builds DOM with textContent; the policy is
 * the second wall: no inline script or style, no foreign origin, no framing.
 */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const SECURITY_HEADERS = {
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const;

/** The moderators' page: an HTML shell, one ES module and one stylesheet (web/moderate/). */
@ApiExcludeController()
@Controller('moderate')
export class ModeratorPageController {
  constructor(@Inject(PAGE_ASSETS) private readonly assets: PageAssets) {}

  @Get()
  page(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    // The shell is tiny and names the current asset versions: always revalidate it.
    send(req, reply, this.assets.html, 'no-cache');
  }

  @Get('app.js')
  script(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    send(req, reply, this.assets.js, assetCaching(req, this.assets.js));
  }

  @Get('app.css')
  style(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    send(req, reply, this.assets.css, assetCaching(req, this.assets.css));
  }
}

/** Versioned URLs (from the HTML) never change content: cache for a year; bare URLs revalidate. */
function assetCaching(req: FastifyRequest, asset: PageAsset): string {
  const version = (req.query as Record<string, unknown> | undefined)?.v;
  return version === asset.version ? 'public, max-age=31536000, immutable' : 'no-cache';
}

function send(req: FastifyRequest, reply: FastifyReply, asset: PageAsset, cacheControl: string): void {
  void reply.headers({ ...SECURITY_HEADERS, 'cache-control': cacheControl, etag: asset.etag });
  if (req.headers['if-none-match'] === asset.etag) {
    void reply.status(304).send();
    return;
  }
  void reply.status(200).header('content-type', asset.contentType).send(asset.body);
}
