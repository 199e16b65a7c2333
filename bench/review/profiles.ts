/**
 * What seeded comments say: a few dozen text prefixes (links, shouting, vote calls) run once
 * through the real engine, so verdicts, reasons and link rows have exactly the engine's shape and
 * offsets. A seeded comment is `prefix + ' ' + corpus text` (or the corpus text alone), so the
 * offsets of the prefix's reasons stay valid in the whole text.
 */
import { analyzeCommentWithLinks, compileLists, type Verdict, type Action } from '../../src/analysis/index.js';
import type { MatchedLinkView } from '../../src/comments/comment.view.js';
import { loadListsFromDir } from '../../src/lists/load-lists.js';
import { loadCompiledPolitics } from '../../src/politics/load-politics.js';

/** A link row of a seeded comment, exactly as the worker stores it. */
export type SeedLink = MatchedLinkView & { position: number };

export interface SeedProfile {
  prefix: string;
  /** Relative weight among the profiles of the same verdict action. */
  weight: number;
  verdict: Verdict;
  reasonCodes: string[];
  links: SeedLink[];
}

/** Prefix and weight; the engine decides which action class a profile falls into. */
const PREFIXES: Array<[string, number]> = [
  // approve: plain text dominates; harmless links, platforms and shorteners
  ['', 800],
  ['Siehe https://www.tagesschau.de/inland/bundestag-haushalt-101.html', 30],
  ['https://www.spiegel.de/politik/deutschland/a-4f2c91.html', 25],
  ['Video dazu: https://www.youtube.com/watch?v=dQw4w9WgXcQ', 40],
  ['https://youtube.com/watch?v=Xk3pQ1', 20],
  ['Quelle: https://bit.ly/3kXyZ9q', 15],
  ['https://tinyurl.com/4bz7kq2', 5],
  ['https://www.zeit.de/politik/2025-10/migration-kommunen', 15],
  // review: partisan rhetoric, vote calls, hyperpartisan sources, shouting
  ['Die Altparteien haben nichts verstanden.', 20],
  ['Die Systemparteien lügen doch alle.', 15],
  ['Wählt AfD!', 15],
  ['Wählt bloß nicht die Grünen!', 10],
  ['DIE ALTPARTEIEN MÜSSEN WEG!!!', 10],
  ['https://youtube.com/watch?v=q9Ls0 ALLE LÜGEN!!! WACHT ENDLICH AUF!!!', 8],
  ['Lesenswert: https://www.compact-online.de/die-wahrheit-ueber-die-migration/', 10],
  ['https://www.epochtimes.de/politik/deutschland/regierung-plant-a4711.html', 8],
  // reject: state media and disinformation outlets, alone or with a shortener
  ['Quelle: https://anti-spiegel.ru/2025/was-die-medien-verschweigen/', 25],
  ['https://www.anti-spiegel.ru/2024/die-wahrheit-ueber-die-ukraine/', 10],
  ['https://freedert.online/inland/21345-regierung-plant-neue-steuer/', 20],
  ['Mehr dazu: https://de.rt.com/international/19876-nato-manoever/', 20],
  ['https://rtde.org/inland/1234-energiepreise/', 5],
  ['https://t.me/rt_de', 5],
  ['https://de.sputniknews.com/politik/20251012-wahl/', 5],
  ['https://bit.ly/3kXyZ9q und https://anti-spiegel.ru/2024/x/', 5],
];

function toSeedLinks(links: ReturnType<typeof analyzeCommentWithLinks>['links']): SeedLink[] {
  return links.map((l, position) => ({
    position,
    url: l.url,
    host: l.host,
    domain: l.domain ?? null,
    start: l.start,
    end: l.end,
    matched: l.matched,
    listId: l.listId,
    category: l.category,
    entity: l.entity,
  }));
}

/** The profiles grouped by the action the engine gave them. */
export function buildProfiles(): Record<Action, SeedProfile[]> {
  const lists = compileLists(loadListsFromDir());
  const politics = loadCompiledPolitics();
  const byAction: Record<Action, SeedProfile[]> = { approve: [], review: [], reject: [] };
  for (const [prefix, weight] of PREFIXES) {
    const { verdict, links } = analyzeCommentWithLinks(prefix, { lists, politics });
    byAction[verdict.action].push({
      prefix,
      weight,
      verdict,
      reasonCodes: [...new Set(verdict.reasons.map((r) => r.code))],
      links: toSeedLinks(links),
    });
  }
  for (const action of ['approve', 'review', 'reject'] as const) {
    if (byAction[action].length === 0) throw new Error(`no seed profile gives a verdict of ${action}; adjust PREFIXES`);
  }
  return byAction;
}
