import { Agent } from 'undici';
import { guardedLookup } from './ssrf-guard.js';

export interface GuardedAgentOptions {
  /** Time to open a socket (TCP and TLS). */
  connectTimeoutMs: number;
  /** Loopback, private and link-local addresses allowed (WEBHOOK_ALLOW_PRIVATE: tests, local development). */
  allowPrivate: boolean;
  keepAliveTimeoutMs: number;
}

/**
 * A keep-alive undici pool whose sockets connect only to addresses the SSRF guard checked at
 * connect time (unless private addresses are allowed), so a DNS answer that changes between a
 * check and the connect cannot reach an internal address. IP literals never reach a lookup:
 * check each URL with `checkOutboundUrlShape` before requesting it.
 */
export function createGuardedAgent(options: GuardedAgentOptions): Agent {
  return new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs,
    connect: { timeout: options.connectTimeoutMs, ...(options.allowPrivate ? {} : { lookup: guardedLookup }) },
  });
}
