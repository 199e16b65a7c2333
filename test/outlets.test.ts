import { describe, expect, it } from '@jest/globals';
import { extractLinks } from '../src/analysis/index.js';
import { findImpersonation } from '../src/analysis/domains/find-impersonation.js';
import { loadCompiledOutlets } from '../src/outlets/load-outlets.js';

// The bundled outlet file, as the service loads it.
const outlets = loadCompiledOutlets();

function imitated(host: string): string | null {
  const [link] = extractLinks(`Quelle: https://${host}/politik/2024/05/ein-bericht-ueber-etwas`);
  if (link === undefined) throw new Error(`no link for ${host}`);
  return findImpersonation(outlets, link)?.official ?? null;
}

describe('the bundled outlet list', () => {
  it('loads and names its version', () => {
    expect(outlets.count).toBeGreaterThanOrEqual(120);
    expect(outlets.version).toMatch(/^\d{4}\.\d{2}\.\d{2}/);
  });

  it.each([
    // Every official domain and its subdomains are the outlet's own.
    ...['spiegel.de', 'www.welt.de', 'zeit.de', 'm.faz.net', 'sueddeutsche.de', 'www.tagesschau.de', 'zdfheute.de', 'orf.at', 'derstandard.at', 'nzz.ch', 'srf.ch', 'www.20min.ch', 'bbc.co.uk', 'www.bbc.com', 'theguardian.com', 'nytimes.com', 'edition.cnn.com', 'foxnews.com', 'pravda.com.ua'],
    // Real outlets and sites elsewhere whose names share a brand or an ordinary word with one
    // (found by running the detector over 11 798 news domains of Lin et al. 2023, CRED-1 and OpenSources).
    ...['heute.at', 'kurier.de', 'focus.it', 'capital.fr', 'rtl.fr', 'apa.org', 'independent.ie', 'guardian.ng', 'waz-online.de', 'op-online.de', 'compact-online.de', 'freiewelt.net', 'thetimes-tribune.com', 'dailyindependent.com', 'nbcnews11.com', 'fox4news.com', 'abcnews4.com', 'corriereadriatico.it', 'lemondejuif.info', 'foxnewsinsider.com', 'bnnbloomberg.ca', 'politics.co.uk', 'seacoastonline.com', 'txpolitico.site', 'phoenixdaily.club', 'nasa.gov', 'fognews.ru', 'voxnews.online', 'times.com.mx', 'geopolitics.co', 'profile.ru', 'psychologies.com', 'weltreise.de', 'zeitarbeit.de', 'bildung.de', 'sternwarte.de', 'spiegelreflex.de'],
  ])('does not flag %s', (host) => {
    expect(imitated(host)).toBeNull();
  });

  it.each([
    ['spiegel.ltd', 'spiegel.de'],
    ['welt.ws', 'welt.de'],
    ['sueddeutsche.me', 'sueddeutsche.de'],
    ['tagesspiegel.co', 'tagesspiegel.de'],
    ['t-online.life', 't-online.de'],
    ['bild.work', 'bild.de'],
    ['washingtonpost.pm', 'washingtonpost.com'],
    ['fox-news.top', 'foxnews.com'],
    ['lemonde.ltd', 'lemonde.fr'],
    ['tagesschau.de.nachrichten-heute.ru', 'tagesschau.de'],
    ['spiegeli.live', 'spiegel.de'],
    ['bildd.lol', 'bild.de'],
    ['fazz.beauty', 'faz.net'],
    ['t-onlinr.today', 't-online.de'],
    ['welt.pm', 'welt.de'],
  ])('flags %s as %s', (host, official) => {
    expect(imitated(host)).toBe(official);
  });
});
