import { describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import { checkOutboundUrl, checkOutboundUrlShape, guardedLookup, isBlockedAddress } from './ssrf-guard.js';

describe('isBlockedAddress', () => {
  it.each([
    ['127.0.0.1'], ['127.8.9.10'], ['10.0.0.1'], ['172.16.0.1'], ['172.31.255.255'], ['192.168.1.1'], ['169.254.169.254'],
    ['100.64.0.1'], ['100.127.255.255'], ['0.0.0.0'], ['0.1.2.3'], ['224.0.0.1'], ['255.255.255.255'],
    ['::'], ['::1'], ['fc00::1'], ['fd00:ec2::254'], ['fe80::1'], ['::ffff:127.0.0.1'], ['::ffff:7f00:1'], ['::ffff:8.8.8.8'], ['64:ff9b::a00:1'], ['not-an-ip'],
  ])('blocks %s', (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each([['8.8.8.8'], ['93.184.215.14'], ['172.32.0.1'], ['100.128.0.1'], ['2606:4700:4700::1111'], ['2a00:1450:4001::200e']])('allows the public %s', (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });
});

describe('checkOutboundUrl', () => {
  it.each([
    ['http://127.0.0.1/x', false, /internal address/],
    ['http://[::ffff:169.254.169.254]/x', false, /internal address/],
    ['file:///etc/passwd', false, /http\(s\)/],
    ['not a url', true, /absolute/],
  ])('refuses %s (allowPrivate %s)', async (url, allowPrivate, message) => {
    expect(await checkOutboundUrl(url, allowPrivate)).toMatch(message);
  });

  it.each([['https://93.184.215.14/hook', false], ['http://127.0.0.1:8080/hook', true]])('accepts %s (allowPrivate %s)', async (url, allowPrivate) => {
    expect(await checkOutboundUrl(url, allowPrivate)).toBeNull();
  });
});

describe('guardedLookup', () => {
  const resolve = (host: string, all: boolean) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown }>((done) => guardedLookup(host, { all } as never, (err, address) => done({ err, address })));

  it('refuses a name that resolves to loopback, whichever form the socket asks for', async () => {
    for (const all of [false, true]) {
      const { err } = await resolve('localhost', all);
      expect(err).toMatchObject({ code: 'ERR_OUTBOUND_ADDRESS_REFUSED', message: expect.stringMatching(/localhost resolves to (127\.0\.0\.1|::1)/) });
    }
  });

  it('keeps a socket from connecting to an internal address behind a name', async () => {
    const error = await new Promise<NodeJS.ErrnoException>((done) => {
      const socket = connect({ host: 'localhost', port: 9, lookup: guardedLookup as never });
      socket.on('error', done);
      socket.on('connect', () => done(Object.assign(new Error('connected'), { code: 'CONNECTED' })));
    });
    expect(error.code).toBe('ERR_OUTBOUND_ADDRESS_REFUSED');
  });

  it('passes the host on when it cannot be resolved at all', async () => {
    const { err } = await resolve('no-such-host.invalid', false);
    expect(err?.code).toMatch(/ENOTFOUND|EAI_AGAIN/);
  });
});

describe('checkOutboundUrlShape', () => {
  it('refuses internal IP literals and other schemes without a lookup, and lets names through to the connect-time check', () => {
    expect(checkOutboundUrlShape('http://10.1.2.3/x', false)).toMatch(/internal address/);
    expect(checkOutboundUrlShape('ftp://example.org/x', false)).toMatch(/http\(s\)/);
    expect(checkOutboundUrlShape('http://localhost:1/x', false)).toBeNull();
    expect(checkOutboundUrlShape('http://10.1.2.3/x', true)).toBeNull();
  });
});
