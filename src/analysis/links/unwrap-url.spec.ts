import { describe, expect, it } from '@jest/globals';
import { MAX_UNWRAP_DEPTH, parseEmbeddedUrl, unwrapUrl } from './unwrap-url.js';

const TARGET = 'https://freedert.online/europa/236396-a/';

function unwrap(href: string): { url: string; unwrappedFrom: string[] } {
  const result = unwrapUrl(new URL(href));
  return { url: result.url.href, unwrappedFrom: result.unwrappedFrom };
}

describe('unwrapUrl', () => {
  it.each([
    { name: 'web.archive.org', href: `https://web.archive.org/web/20250724114225/${TARGET}`, url: TARGET },
    { name: 'web.archive.org id_', href: `http://web.archive.org/web/20250724114225id_/${TARGET}`, url: TARGET },
    { name: 'web.archive.org with a wildcard stamp', href: `https://web.archive.org/web/2025*/${TARGET}`, url: TARGET },
    { name: 'archive.org/web', href: `https://archive.org/web/20250101000000/${TARGET}`, url: TARGET },
    { name: 'a wayback target without scheme', href: 'https://web.archive.org/web/2025/anti-spiegel.ru/x', url: 'http://anti-spiegel.ru/x' },
    { name: 'a wayback target with query and fragment', href: 'https://web.archive.org/web/2025/https://x.de/a?b=1#c', url: 'https://x.de/a?b=1#c' },
    { name: 'a collapsed https:/ in the archive path', href: 'https://web.archive.org/web/2025/https:/x.de/a', url: 'https://x.de/a' },
    { name: 'archive.ph/newest', href: `https://archive.ph/newest/${TARGET}`, url: TARGET },
    { name: 'archive.today with a timestamp', href: `https://archive.today/2025.01.01-123456/${TARGET}`, url: TARGET },
    { name: 'archive.is/o/<id>', href: `https://archive.is/o/AbC12/${TARGET}`, url: TARGET },
    { name: 'archive.ph?url=', href: `https://archive.ph/?url=${encodeURIComponent(TARGET)}`, url: TARGET },
    { name: 'archive.ph with the URL as path', href: `https://archive.ph/${TARGET}`, url: TARGET },
    { name: 'google.com/url?q=', href: `https://www.google.com/url?q=${TARGET}&sa=D`, url: TARGET },
    { name: 'google.de/url?url= percent-encoded', href: `https://www.google.de/url?sa=t&url=${encodeURIComponent(TARGET)}`, url: TARGET },
    { name: 'l.facebook.com/l.php?u=', href: `https://l.facebook.com/l.php?u=${encodeURIComponent(TARGET)}&h=AT0`, url: TARGET },
    { name: 'lm.facebook.com/l.php?u=', href: `https://lm.facebook.com/l.php?u=${encodeURIComponent(TARGET)}`, url: TARGET },
    { name: 't.me/iv?url=', href: `https://t.me/iv?url=${encodeURIComponent(TARGET)}&rhash=1`, url: TARGET },
    { name: 'out.reddit.com', href: `https://out.reddit.com/t3_x?url=${encodeURIComponent(TARGET)}&token=1`, url: TARGET },
    { name: 'href.li', href: `https://href.li/?${TARGET}`, url: TARGET },
    { name: 'youtube.com/redirect?q=', href: `https://www.youtube.com/redirect?event=x&q=${encodeURIComponent(TARGET)}`, url: TARGET },
    { name: 'vk.com/away.php?to=', href: `https://vk.com/away.php?to=${encodeURIComponent(TARGET)}`, url: TARGET },
    { name: 'doubly encoded target', href: `https://href.li/?${encodeURIComponent(encodeURIComponent(TARGET))}`, url: TARGET },
  ])('peels $name', ({ href, url }) => {
    expect(unwrap(href)).toEqual({ url, unwrappedFrom: [new URL(href).href] });
  });

  it.each([
    { name: 'an ordinary link', href: TARGET },
    { name: 'an archive.ph short id', href: 'https://archive.ph/AbC12' },
    { name: 'a google search', href: 'https://www.google.com/search?q=anti-spiegel.ru' },
    { name: 'a google redirect to a non-URL', href: 'https://www.google.com/url?q=hallo+welt' },
    { name: 'a facebook page', href: 'https://www.facebook.com/some.page' },
    { name: 'a t.me channel', href: 'https://t.me/neuesausrussland' },
    { name: 'a wayback calendar without target', href: 'https://web.archive.org/web/2025/' },
    { name: 'a javascript: target', href: 'https://href.li/?javascript:alert(1)' },
  ])('keeps $name', ({ href }) => {
    expect(unwrap(href)).toEqual({ url: new URL(href).href, unwrappedFrom: [] });
  });

  it('peels a chain, recording wrappers outermost first', () => {
    const wayback = `https://web.archive.org/web/20250101000000/${TARGET}`;
    const google = `https://www.google.com/url?q=${encodeURIComponent(wayback)}`;
    const archive = `https://archive.ph/newest/${google}`;
    expect(unwrap(archive)).toEqual({
      url: TARGET,
      unwrappedFrom: [new URL(archive).href, new URL(google).href, wayback],
    });
  });

  it(`stops after ${MAX_UNWRAP_DEPTH} wrappers`, () => {
    let href = TARGET;
    for (let i = 0; i < MAX_UNWRAP_DEPTH + 2; i++) href = `https://href.li/?${href}`;
    const result = unwrap(href);
    expect(result.unwrappedFrom).toHaveLength(MAX_UNWRAP_DEPTH);
    expect(result.url).toBe(`https://href.li/?https://href.li/?${TARGET}`);
  });
});

describe('parseEmbeddedUrl', () => {
  it.each([
    { name: 'a full URL', embedded: TARGET, href: TARGET },
    { name: 'an encoded URL', embedded: 'https%3A%2F%2Fx.de%2Fa', href: 'https://x.de/a' },
    { name: 'a bare host with path', embedded: 'anti-spiegel.ru/x', href: 'http://anti-spiegel.ru/x' },
    { name: 'an upper-case scheme', embedded: 'HTTPS://X.DE/a', href: 'https://x.de/a' },
    { name: 'a Cyrillic host', embedded: 'https://\u0430nti-spiegel.ru/', href: 'https://xn--nti-spiegel-xij.ru/' },
  ])('reads $name', ({ embedded, href }) => {
    expect(parseEmbeddedUrl(embedded)?.href).toBe(href);
  });

  it.each([
    { name: 'words', embedded: 'hallo welt' },
    { name: 'a file name', embedded: 'bericht.pdf' },
    { name: 'another scheme', embedded: 'mailto:a@b.de' },
    { name: 'a broken escape', embedded: 'https%3A%2F%2Fx.de%E0%A4%A' },
    { name: 'an empty host', embedded: 'https://' },
  ])('rejects $name', ({ embedded }) => {
    expect(parseEmbeddedUrl(embedded)).toBeNull();
  });
});
