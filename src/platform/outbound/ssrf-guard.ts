import { lookup as lookupCallback, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

// Addresses an outbound request (a webhook, a shortener lookup) must never reach from inside the deployment: loopback, private networks,
// link-local (incl. the cloud metadata services 169.254.169.254 and fd00:ec2::254), CGNAT,
// "this network", multicast, and every IPv4-mapped/compatible IPv6 form (which would smuggle
// an IPv4 address past the IPv4 rules). Two lists: BlockList matches IPv4 addresses against
// IPv4-mapped IPv6 rules, so ::ffff:0:0/96 in one list would block every IPv4 address.
const BLOCKED_V4 = new BlockList();
const BLOCKED_V6 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED_V4.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible form
  ['::ffff:0:0', 96], // IPv4-mapped
  ['64:ff9b::', 96], // NAT64
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED_V6.addSubnet(net, prefix, 'ipv6');
}

/** True for loopback, private, link-local, metadata and other internal addresses (and non-addresses). */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  return family === 0 || (family === 4 ? BLOCKED_V4.check(address, 'ipv4') : BLOCKED_V6.check(address, 'ipv6'));
}

/** Why Loupe must not request `url`, found without looking up its host (scheme, internal IP literal), or null. */
export function checkOutboundUrlShape(url: string, allowPrivate: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must be an http(s) URL';
  if (allowPrivate) return null;
  const host = hostOf(parsed);
  if (isIP(host) && isBlockedAddress(host)) return internal(host, host);
  return null;
}

/**
 * Null when Loupe may request `url`, else a sentence saying why not: only http(s), and (unless
 * `allowPrivate`) every address the host resolves to must be public. Checked when a URL is
 * saved (a webhook endpoint); requests connect through `guardedLookup`, which checks the very
 * addresses connected to (a second DNS answer cannot slip an internal address in between check
 * and connect).
 */
export async function checkOutboundUrl(url: string, allowPrivate: boolean): Promise<string | null> {
  const shape = checkOutboundUrlShape(url, allowPrivate);
  if (shape || allowPrivate) return shape;
  const host = hostOf(new URL(url));
  if (isIP(host)) return null;
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch (e) {
    return `the host ${host} does not resolve (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
  if (addresses.length === 0) return `the host ${host} does not resolve`;
  const blocked = addresses.find(({ address }) => isBlockedAddress(address));
  return blocked ? internal(host, blocked.address) : null;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for sockets (net.connect / undici's connector) that refuses internal addresses: the
 * addresses it hands to the socket are the ones it checked. IP literals never reach a lookup,
 * so callers check them with `checkOutboundUrlShape` first.
 */
export function guardedLookup(hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void {
  lookupCallback(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const blocked = addresses.find(({ address }) => isBlockedAddress(address));
    if (blocked || addresses.length === 0) {
      const refused = Object.assign(new Error(blocked ? internal(hostname, blocked.address) : `the host ${hostname} does not resolve`), { code: 'ERR_OUTBOUND_ADDRESS_REFUSED' });
      return callback(refused, []);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0] as LookupAddress;
    callback(null, first.address, first.family);
  });
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function internal(host: string, address: string): string {
  return `must not point to an internal address (${host} resolves to ${address}: loopback, private, link-local or reserved)`;
}
