import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * JSON is never rendered as a document, so it may load and run nothing, and no page may frame
 * it: if a browser is ever tricked into showing a response (a problem echoing a path, a
 * comment's text), nothing in it can execute.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Swagger UI loads its bundle, preset and init script from /docs itself, styles itself inline
 * (a <style> block and style attributes), draws icons as data: images and fetches the OpenAPI
 * document and "Try it out" calls from this origin. Nothing foreign, nothing inline to run.
 */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Sent on every response, with the CSP that fits the route. */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // frame-ancestors says the same; older browsers only know this one.
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-permitted-cross-domain-policies': 'none',
});

// Without includeSubDomains: the operator's other hosts under the same domain are not ours to pin.
const HSTS = 'max-age=31536000';

function isDocsPath(url: string): boolean {
  return url === '/docs' || url.startsWith('/docs/') || url.startsWith('/docs?');
}

/** The headers for a response to `url`; `tls` when the client reached us over HTTPS. */
export function securityHeaders(url: string, docs: boolean, tls: boolean): Record<string, string> {
  return {
    ...COMMON_SECURITY_HEADERS,
    'content-security-policy': docs && isDocsPath(url) ? DOCS_CSP : API_CSP,
    ...(tls ? { 'strict-transport-security': HSTS } : {}),
  };
}

/**
 * Puts the headers on every response of this server before Fastify sees the request: routes,
 * 404s, errors, the router's own refusals, Swagger UI's files, and answers middleware writes
 * straight to the socket's response (the CSV sign-in check). A header a route sets itself
 * replaces its value here (Node lets writeHead override setHeader): the moderators' page keeps
 * its own CSP. Strict-Transport-Security needs Fastify's view of the request (a trusted proxy's
 * X-Forwarded-Proto), so it is added when the reply is sent.
 */
export function registerSecurityHeaders(fastify: FastifyInstance, docs: boolean): void {
  fastify.server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    for (const [name, value] of Object.entries(securityHeaders(request.url ?? '/', docs, false))) response.setHeader(name, value);
  });
  fastify.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') void reply.header('strict-transport-security', HSTS);
  });
}
