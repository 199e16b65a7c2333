/**
 * Parties, candidates and coalitions that vote calls are recognised for, compiled for the
 * grammar (detect-vote-calls.ts). The data lives in data/politics/<country>.json and is loaded
 * outside the engine (src/politics/load-politics.ts), like the domain lists; every entry is read
 * by the same grammar, so no party is treated differently.
 *
 * - `aliases` match as whole tokens, case-insensitively, with umlauts folded (`Grüne` matches
 *   `Gruene`, `GRÜNE`); an alias of several words matches those words in a row. Names that are
 *   also ordinary words go into `caseSensitiveAliases` and only match as written (`PARTEI`).
 * - `mocking` aliases are slurs for the party ("Sozen", "DemoKKKrats"): a call with one is a call
 *   against the party, whatever its verb says ("Vote DemoKKKrat 2016").
 * - `nextToVoteOnly` aliases are colour words and letters that name a party only right next to
 *   the vote word ("vote blue", "grün wählen", "Wer grün wählt"); `members` make an entry a
 *   coalition ("die Ampel abwählen" is a call against each member party).
 * - The language of the entry's country decides between two regions sharing an alias ("Greens"):
 *   the one whose language is that of the call's vote word is chosen.
 */
import { isSymbol, tokenize, type Token } from './tokenize.js';

export type Country = 'de' | 'at' | 'ch' | 'us' | 'uk';

export interface PartyEntry {
  /** Stable identifier, `<country>-<short name>`. */
  readonly id: string;
  /** Canonical name: `details.party` for a party, `details.candidate` for a candidate. */
  readonly name: string;
  readonly kind: 'party' | 'candidate' | 'coalition';
  readonly country: Country;
  readonly aliases: readonly string[];
  readonly caseSensitiveAliases?: readonly string[];
  readonly mocking?: readonly string[];
  readonly nextToVoteOnly?: readonly string[];
  /** Candidates: the `id` of their party, whose name becomes `details.party`. */
  readonly party?: string;
  /** Coalitions: the `id`s of the member parties. */
  readonly members?: readonly string[];
  /** Candidates: the years of the elections they stand in, if known ("#Merkel2016" is then no slogan). */
  readonly electionYears?: readonly number[];
}

export const LANGUAGE_OF: Readonly<Record<Country, 'de' | 'en'>> = { de: 'de', at: 'de', ch: 'de', us: 'en', uk: 'en' };


export interface Alias {
  readonly keys: readonly string[];
  /** The raw spelling each token must have (case-sensitive aliases, single capitals). */
  readonly exact?: readonly string[];
  readonly entry: PartyEntry;
  readonly mocking: boolean;
  readonly nextToVoteOnly: boolean;
}

export interface CompiledPolitics {
  readonly version: string;
  readonly byId: ReadonlyMap<string, PartyEntry>;
  /** Aliases by the key of their first token, longest first. */
  readonly byFirst: ReadonlyMap<string, readonly Alias[]>;
  /** Aliases with their tokens joined ("bündnis90diegrünen"), for hashtags. */
  readonly byJoined: ReadonlyMap<string, readonly Alias[]>;
}

function aliasTokens(alias: string): Token[] {
  return tokenize(alias).filter((token) => !isSymbol(token));
}

/** Compiles the entries once per load; throws on a candidate or coalition naming an unknown party. */
export function compilePolitics(entries: readonly PartyEntry[], version: string): CompiledPolitics {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  for (const entry of entries) {
    for (const id of [...(entry.party === undefined ? [] : [entry.party]), ...(entry.members ?? [])]) {
      if (!byId.has(id)) throw new Error(`politics: ${entry.id} refers to the unknown entry ${id}`);
    }
  }
  const byFirst = new Map<string, Alias[]>();
  const byJoined = new Map<string, Alias[]>();
  const add = (map: Map<string, Alias[]>, key: string, alias: Alias): void => {
    const list = map.get(key) ?? [];
    list.push(alias);
    map.set(key, list);
  };
  for (const entry of entries) {
    const spellings: [string, 'plain' | 'exact' | 'mocking' | 'next'][] = [
      ...entry.aliases.map((a): [string, 'plain'] => [a, 'plain']),
      ...(entry.caseSensitiveAliases ?? []).map((a): [string, 'exact'] => [a, 'exact']),
      ...(entry.mocking ?? []).map((a): [string, 'mocking'] => [a, 'mocking']),
      ...(entry.nextToVoteOnly ?? []).map((a): [string, 'next'] => [a, 'next']),
    ];
    for (const [spelling, kind] of spellings) {
      const tokens = aliasTokens(spelling);
      const first = tokens[0]?.key;
      if (first === undefined) continue;
      const exact = kind === 'exact' || (tokens.length === 1 && spelling.length === 1);
      const alias: Alias = {
        keys: tokens.map((t) => t.key),
        entry,
        mocking: kind === 'mocking',
        nextToVoteOnly: kind === 'next',
        ...(exact ? { exact: tokens.map((t) => t.raw) } : {}),
      };
      add(byFirst, first, alias);
      if (!exact && kind !== 'next') add(byJoined, alias.keys.join(''), alias);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  return { version, byId, byFirst, byJoined };
}
