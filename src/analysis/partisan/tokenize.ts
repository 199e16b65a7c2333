/**
 * Splits a comment into the tokens the vote-call grammar reads: words, hashtags, @handles,
 * numbers, punctuation and line breaks, each with its UTF-16 span and a folded lookup key
 * (lower case, umlauts spelled out, ß as ss, apostrophes unified), so `WÄHLT`, `Waehlt` and
 * `wählt` are one word. A single lower-case letter with a dot before the next word is an
 * abbreviation ("d. Partei", "u. a."), not a sentence end. Linear: one pass of one regular expression.
 */
export type TokenKind = 'word' | 'hashtag' | 'handle' | 'number' | 'punct' | 'break';

export interface Token {
  readonly kind: TokenKind;
  readonly raw: string;
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** Whether blank space (or the text start) comes right before the token. */
  readonly spaced: boolean;
}

const TOKEN =
  /(?<break>\r?\n|\r|\u2028|\u2029)|(?<hashtag>#[\p{L}\p{M}\p{N}_]+(?:\(\p{L}{1,5}\))?)|(?<handle>@[\p{L}\p{M}\p{N}_]+)|(?<number>\p{N}+(?:[.,:]\p{N}+)*%?)|(?<word>(?:\p{L}\.){2,}|\p{Ll}\.(?=[ \t]\p{L})|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’.][\p{L}\p{M}]+)*(?:\(\p{L}{1,5}\))?)|(?<punct>[^\s\p{L}\p{M}\p{N}])/gu;

const FOLDS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', '’': "'", 'ẞ': 'ss' };

/** The lookup key of a word: what the lexicons are written in. */
const ASCII = /^[ -~]*$/; // printable ASCII: nothing to fold but case

export function foldWord(raw: string): string {
  if (ASCII.test(raw)) return raw.toLowerCase();
  const lower = raw.normalize('NFC').toLowerCase();
  // Decomposed umlauts (a + U+0308) are composed by NFC; anything left over is dropped.
  return lower.replace(/[äöüß’ẞ]/gu, (letter) => FOLDS[letter] ?? letter).replace(/\p{M}/gu, '');
}

const BLANK = /\s/u;

function isBlank(text: string, index: number): boolean {
  if (index <= 0) return true;
  const unit = text.charCodeAt(index - 1);
  return unit === 0x20 || (unit < 0x80 ? unit >= 0x09 && unit <= 0x0d : BLANK.test(text.charAt(index - 1)));
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    const groups = match.groups ?? {};
    const kind: TokenKind =
      groups.break !== undefined
        ? 'break'
        : groups.hashtag !== undefined
          ? 'hashtag'
          : groups.handle !== undefined
            ? 'handle'
            : groups.number !== undefined
              ? 'number'
              : groups.word !== undefined
                ? 'word'
                : 'punct';
    const raw = match[0];
    // "Deutschland(s)", "Wähler(innen)": the bracketed ending is part of the word, not of its key.
    const bare = (kind === 'word' || kind === 'hashtag') && raw.endsWith(')') ? raw.slice(0, raw.indexOf('(')) : raw;
    const key = foldWord(kind === 'hashtag' ? bare.slice(1) : bare);
    tokens.push({ kind, raw, key, start: match.index, end: match.index + raw.length, spaced: isBlank(text, match.index) });
  }
  return tokens;
}

/** Punctuation that ends a sentence for the grammar: a call never spans one. */
const SENTENCE_END = new Set(['.', '!', '?', ';', ':', '…', '¡', '¿', '|', '•', '(', ')', '[', ']']);

export function endsSentence(token: Token | undefined): boolean {
  if (token === undefined) return true;
  return token.kind === 'break' || (token.kind === 'punct' && SENTENCE_END.has(token.raw));
}

/** A comma, dash or sentence end: where a clause of the grammar stops. */
export function endsClause(token: Token | undefined): boolean {
  if (token === undefined) return true;
  return endsSentence(token) || (token.kind === 'punct' && (token.raw === ',' || token.raw === '–' || token.raw === '—'));
}

/** Emoji, other symbols and quotation marks do not break a clause ("„AfD wählen“ 👍"): they are skipped. */
export function isSymbol(token: Token): boolean {
  return token.kind === 'punct' && (/[\p{So}\p{Sk}\p{Cs}\p{Pi}\p{Pf}"'„‚*_~]/u.test(token.raw) || token.raw === '\u200d' || token.raw === '\ufe0f');
}
