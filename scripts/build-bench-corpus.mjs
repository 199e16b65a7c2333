#!/usr/bin/env node
// Builds bench/corpus/comments.jsonl, the real-comment corpus the analysis benchmark runs on.
// Plain Node ESM, no dependencies, deterministic (seeded PRNG, no clock): the same inputs give
// byte-identical output.
//
//   node scripts/build-bench-corpus.mjs [--data <shared/data dir>] [--out <comments.jsonl>]
//
// Sources (see bench/corpus/ATTRIBUTION.md): GermEval 2018 training + test tweets (CC BY 4.0) and
// Fox News user comments (MIT). The IWG refugee tweets are CC BY-SA and left out on purpose.
// The real texts carry no URLs (GermEval's organisers removed them, the Fox comments have none),
// so about 12 % extra comments are derived from sampled real texts with links inserted: listed,
// obfuscated, archive-wrapped, shortened, platform and ordinary news links, with and without a
// scheme or `www.`, so the link path of analyzeComment is exercised on realistic text.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const SEED = 20261124;
const LINK_SHARE = 0.12;
const TWO_LINK_SHARE = 0.2;

function parseArgs(argv) {
  const opts = {
    data: resolve(HERE, '..', '..', 'shared', 'data'),
    out: resolve(HERE, '..', 'bench', 'corpus', 'comments.jsonl'),
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--data' && value) opts.data = resolve(value);
    else if (flag === '--out' && value) opts.out = resolve(value);
    else {
      process.stderr.write('usage: build-bench-corpus.mjs [--data <dir>] [--out <file>]\n');
      process.exit(1);
    }
  }
  return opts;
}

/** mulberry32: tiny, fast, good enough to pick samples reproducibly. */
function makeRng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(rng, items) {
  return items[Math.floor(rng() * items.length)];
}

function pad(n, width) {
  return String(n).padStart(width, '0');
}

function readGermEval(file, part) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const text = line.split('\t')[0].replaceAll('|LBR|', '\n');
    if (text.trim() === '') return;
    out.push({ id: `germeval-${part}-${pad(i + 1, 5)}`, text, source: `germeval2018-${part}`, lang: 'de' });
  });
  return out;
}

function readFox(file) {
  const out = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const text = String(JSON.parse(line).text ?? '');
      if (text.trim() === '') return;
      out.push({ id: `foxnews-${pad(i + 1, 4)}`, text, source: 'fox-news-comments', lang: 'en' });
    });
  return out;
}

const SLUG_WORDS = {
  de: ['merkel', 'scholz', 'migration', 'energie', 'sanktionen', 'ukraine', 'nato', 'corona', 'impfung', 'wahl', 'afd', 'gruene', 'inflation', 'gas', 'bundeswehr', 'eu', 'russland', 'asyl', 'polizei', 'schule'],
  en: ['trump', 'clinton', 'election', 'border', 'immigration', 'obama', 'media', 'police', 'economy', 'taxes', 'vote', 'congress', 'russia', 'germany', 'refugees', 'law', 'court', 'protest', 'military', 'health'],
};

function slug(rng, lang, words = 4) {
  const vocab = SLUG_WORDS[lang];
  return Array.from({ length: words }, () => pick(rng, vocab)).join('-');
}

function code(rng, length) {
  const chars = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length }, () => pick(rng, chars)).join('');
}

function num(rng, min, max) {
  return min + Math.floor(rng() * (max - min + 1));
}

function archiveStamp(rng) {
  return `2025${pad(num(rng, 1, 12), 2)}${pad(num(rng, 1, 28), 2)}${pad(num(rng, 0, 23), 2)}${pad(num(rng, 0, 59), 2)}${pad(num(rng, 0, 59), 2)}`;
}

// Each maker returns a URL as a commenter would write it. Weights give the mix per 100 links.
const LISTED = [
  (r, l) => `https://www.anti-spiegel.ru/${num(r, 2019, 2025)}/${slug(r, l)}/`,
  (r, l) => `https://anti-spiegel.ru/${num(r, 2019, 2025)}/${slug(r, l, 3)}/`,
  (r, l) => `https://freedert.online/europa/${num(r, 180000, 260000)}-${slug(r, l)}/`,
  (r, l) => `https://rtde.xyz/international/${num(r, 150000, 250000)}-${slug(r, l)}/`,
  (r, l) => `https://rtde.live/inland/${num(r, 150000, 250000)}-${slug(r, l, 3)}/`,
  (r, l) => `https://de.rt.com/inland/${num(r, 100000, 270000)}-${slug(r, l)}/`,
  (r, l) => `https://test.rtde.tech/meinung/${num(r, 150000, 250000)}-${slug(r, l, 3)}/`,
  (r, l) => `https://swentr.site/news/${num(r, 550000, 640000)}-${slug(r, l)}/`,
  (r, l) => `https://snanews.de/2021${pad(num(r, 1, 12), 2)}${pad(num(r, 1, 28), 2)}/${slug(r, l)}-${num(r, 100000, 999999)}.html`,
  (r, l) => `https://auf1.tv/nachrichten-auf1/${slug(r, l)}`,
  (r, l) => `https://report24.news/${slug(r, l)}/`,
  (r) => `https://t.me/neuesausrussland/${num(r, 1000, 9000)}`,
  (r) => `https://t.me/rt_de/${num(r, 1000, 9000)}`,
  (r, l) => `https://www.compact-online.de/${slug(r, l)}/`,
  (r, l) => `https://www.infowars.com/posts/${slug(r, l)}/`,
  (r, l) => `https://www.naturalnews.com/2021-${pad(num(r, 1, 12), 2)}-${pad(num(r, 1, 28), 2)}-${slug(r, l)}.html`,
];
const OBFUSCATED = [
  (r, l) => `anti-spiegel[.]ru/${num(r, 2019, 2025)}/${slug(r, l)}/`,
  (r, l) => `hxxps://freedert[.]online/europa/${num(r, 180000, 260000)}-${slug(r, l)}/`,
  (r, l) => `hxxps://de.rt[.]com/inland/${num(r, 100000, 270000)}-${slug(r, l, 3)}/`,
  (r, l) => `de.rt(.)com/international/${num(r, 100000, 270000)}-${slug(r, l, 3)}/`,
  (r, l) => `hxxp://swentr[.]site/news/${num(r, 550000, 640000)}-${slug(r, l, 3)}/`,
  (r, l) => `rtde . xyz/inland/${num(r, 150000, 250000)}-${slug(r, l, 3)}/`,
  (r, l) => `anti-spiegel(dot)ru/${num(r, 2019, 2025)}/${slug(r, l, 3)}/`,
];
const WRAPPED = [
  (r, l) => `https://web.archive.org/web/${archiveStamp(r)}/https://de.rt.com/inland/${num(r, 100000, 270000)}-${slug(r, l)}/`,
  (r, l) => `https://web.archive.org/web/${archiveStamp(r)}/https://www.anti-spiegel.ru/${num(r, 2019, 2025)}/${slug(r, l)}/`,
  (r, l) => `http://web.archive.org/web/${archiveStamp(r)}id_/https://freedert.online/europa/${num(r, 180000, 260000)}-${slug(r, l, 3)}/`,
  (r, l) => `https://web.archive.org/web/${archiveStamp(r)}/https://www.tagesschau.de/inland/${slug(r, l)}-100.html`,
  (r, l) => `https://www.google.com/url?q=https://freedert.online/europa/${num(r, 180000, 260000)}-${slug(r, l, 3)}/&sa=D`,
];
const SHORTENED = [
  (r) => `https://bit.ly/${code(r, 7)}`,
  (r) => `https://t.co/${code(r, 10)}`,
  (r) => `https://tinyurl.com/${code(r, 8).toLowerCase()}`,
  (r) => `https://ow.ly/${code(r, 6)}`,
  (r) => `t1p.de/${code(r, 5).toLowerCase()}`,
  (r) => `https://cutt.ly/${code(r, 7)}`,
  (r) => `https://is.gd/${code(r, 6)}`,
];
const PLATFORM = [
  (r, l) => `https://rumble.com/v${code(r, 5).toLowerCase()}-${slug(r, l)}.html`,
  (r, l) => `https://odysee.com/@${pick(r, SLUG_WORDS[l])}:${num(r, 0, 9)}/${slug(r, l, 3)}:${num(r, 0, 9)}`,
  (r) => `https://www.bitchute.com/video/${code(r, 12)}/`,
  (r, l) => `https://t.me/${pick(r, SLUG_WORDS[l])}${pick(r, ['info', 'news', 'kanal', 'channel'])}/${num(r, 10, 9999)}`,
  (r) => `https://gettr.com/post/p${code(r, 8).toLowerCase()}`,
  (r) => `https://vk.com/wall-${num(r, 10000000, 99999999)}_${num(r, 100, 99999)}`,
];
const NEWS = [
  (r, l) => `https://www.tagesschau.de/inland/${slug(r, l)}-100.html`,
  (r, l) => `www.tagesschau.de/ausland/europa/${slug(r, l, 3)}-102.html`,
  (r, l) => `https://www.spiegel.de/politik/deutschland/${slug(r, l)}-a-${code(r, 8).toLowerCase()}`,
  (r, l) => `spiegel.de/politik/${slug(r, l, 3)}-a-${code(r, 8).toLowerCase()}`,
  (r, l) => `https://www.zeit.de/politik/deutschland/2025-${pad(num(r, 1, 12), 2)}/${slug(r, l)}`,
  (r, l) => `zeit.de/gesellschaft/${slug(r, l, 3)}`,
  (r, l) => `https://www.sueddeutsche.de/politik/${slug(r, l)}-1.${num(r, 5000000, 6999999)}`,
  (r, l) => `https://www.faz.net/aktuell/politik/inland/${slug(r, l)}-${num(r, 18000000, 19999999)}.html`,
  (r, l) => `https://www.nytimes.com/2016/${pad(num(r, 1, 12), 2)}/${pad(num(r, 1, 28), 2)}/us/politics/${slug(r, l)}.html`,
  (r, l) => `www.nytimes.com/2016/${pad(num(r, 1, 12), 2)}/${pad(num(r, 1, 28), 2)}/world/${slug(r, l, 3)}.html`,
  (r, l) => `https://www.foxnews.com/politics/${slug(r, l)}`,
  (r, l) => `foxnews.com/us/${slug(r, l, 3)}`,
  (r) => `https://www.bbc.com/news/world-europe-${num(r, 30000000, 69999999)}?utm_source=${pick(r, ['twitter', 'facebook'])}`,
  (r, l) => `https://www.reuters.com/world/europe/${slug(r, l)}-2025-${pad(num(r, 1, 12), 2)}-${pad(num(r, 1, 28), 2)}/`,
];
const MIX = [
  [LISTED, 30],
  [OBFUSCATED, 10],
  [WRAPPED, 8],
  [SHORTENED, 14],
  [PLATFORM, 10],
  [NEWS, 28],
];
const MIX_TOTAL = MIX.reduce((sum, [, w]) => sum + w, 0);

function makeUrl(rng, lang) {
  let x = rng() * MIX_TOTAL;
  for (const [makers, weight] of MIX) {
    if (x < weight) return pick(rng, makers)(rng, lang);
    x -= weight;
  }
  return pick(rng, NEWS)(rng, lang);
}

const LEAD_INS = {
  de: ['Quelle:', 'Siehe', 'Lest mal:', 'Hier nachzulesen:', 'Mehr dazu:', 'Wer es nicht glaubt:', 'Das verschweigt ihr:', ''],
  en: ['Source:', 'See', 'Read this:', 'More here:', 'Look it up:', 'Proof:', 'The truth:', ''],
};
const WRAPPERS = [(u) => u, (u) => u, (u) => u, (u) => `(${u})`, (u) => `${u}.`, (u) => `${u} !!!`, (u) => `<${u}>`];

function insertLink(rng, text, lang) {
  const url = pick(rng, WRAPPERS)(makeUrl(rng, lang));
  const lead = pick(rng, LEAD_INS[lang]);
  const phrase = lead ? `${lead} ${url}` : url;
  const where = rng();
  if (where < 0.5) return `${text.trimEnd()} ${phrase}`;
  if (where < 0.65) return `${phrase}\n${text}`;
  const spaces = [];
  for (let i = 1; i < text.length - 1; i++) if (text[i] === ' ') spaces.push(i);
  if (spaces.length === 0) return `${text.trimEnd()} ${phrase}`;
  const at = pick(rng, spaces);
  return `${text.slice(0, at)} ${phrase} ${text.slice(at + 1)}`;
}

function buildCorpus(dataDir) {
  const base = [
    ...readGermEval(join(dataDir, 'germeval2018', 'germeval2018.training.txt'), 'train'),
    ...readGermEval(join(dataDir, 'germeval2018', 'germeval2018.test.txt'), 'test'),
    ...readFox(join(dataDir, 'fox-news-comments', 'fox-news-comments.jsonl')),
  ];
  const rng = makeRng(SEED);
  const order = base.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const linkCount = Math.round(base.length * LINK_SHARE);
  const linked = order.slice(0, linkCount).map((baseIndex, n) => {
    const from = base[baseIndex];
    let text = insertLink(rng, from.text, from.lang);
    if (rng() < TWO_LINK_SHARE) text = insertLink(rng, text, from.lang);
    return { id: `link-${pad(n + 1, 5)}-${from.id}`, text, source: `synthetic-link/${from.source}` };
  });
  return [...base.map(({ id, text, source }) => ({ id, text, source })), ...linked];
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const corpus = buildCorpus(opts.data);
  const body = corpus.map((c) => JSON.stringify({ id: c.id, text: c.text, source: c.source })).join('\n') + '\n';
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, body);
  const counts = {};
  for (const c of corpus) {
    const key = c.source.startsWith('synthetic-link/') ? 'synthetic-link' : c.source;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  process.stderr.write(`build-bench-corpus: ${corpus.length} comments, ${Buffer.byteLength(body)} bytes ${JSON.stringify(counts)}\n`);
}

main();
