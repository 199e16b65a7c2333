/**
 * Contracts of the pure analysis engine (see DESIGN.md, "Contracts").
 * Everything here is plain data: no classes, no I/O, safe to serialise.
 */

export type Action = 'approve' | 'review' | 'reject';

/** Stable reason codes. New codes may be added; existing ones keep their meaning. */
export type ReasonCode =
  | 'link.listed'
  | 'link.lookalike'
  | 'link.impersonation'
  | 'link.shortener'
  | 'text.shouting'
  | 'text.vote_call'
  | 'text.partisan_rhetoric'
  | 'text.insult'
  | 'text.abuse'
  | 'text.profanity'
  | 'text.threat';

export type Language = 'de' | 'en';

/** A half-open UTF-16 range into the original comment text: `text.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
}

/**
 * What a detector found, before the policy weighs it and a message is rendered.
 * `severity` is the detector's own 0..1 judgement of how strong the evidence is.
 */
export interface Finding extends Span {
  code: ReasonCode;
  severity: number;
  details: Record<string, unknown>;
}

/** A finding as publishers see it, with a sentence a moderator understands. */
export interface Reason extends Finding {
  message: string;
}

export interface Verdict {
  action: Action;
  score: number;
  reasons: Reason[];
  analyzerVersion: string;
  listsVersion: string;
  policyVersion: string;
}

export type ListCategory =
  | 'state_media'
  | 'disinformation'
  | 'conspiracy'
  | 'pseudoscience'
  | 'hyperpartisan'
  | 'satire'
  | 'unreliable'
  | 'platform'
  | 'shortener';

/**
 * One list entry. Exactly one of the three match forms is used:
 * - `domain` alone: the host equals it or is a subdomain of it (label boundary).
 * - `domain` + `path`: the same host rule and the URL path starts with `path` at a segment
 *   boundary, case-insensitively (`t.me` + `/neuesausrussland`, `youtube.com` + `/@channel`).
 * - `family`: a label pattern such as `rtde.*`: the registrable domain's first label is `rtde`
 *   on any public suffix.
 */
export interface ListEntry {
  domain?: string;
  path?: string;
  family?: string;
  category: ListCategory;
  /** 0..1: how strongly a link to this entry counts against a comment. */
  severity: number;
  /** Groups mirrors and sibling domains, e.g. "RT DE". */
  entity?: string;
  /** Why the entry is listed, in one line. */
  note?: string;
  /** Keys into the list's `sources` (public evidence for the entry). */
  sources?: string[];
}

/** Public evidence for list entries, cited by key from `ListEntry.sources`. */
export interface ListSource {
  title: string;
  url: string;
  publisher?: string;
  date?: string;
}

export interface DomainList {
  id: string;
  name: string;
  version: string;
  license: string;
  attribution?: string;
  sources?: Record<string, ListSource>;
  entries: ListEntry[];
}

/** A link found in a comment, de-obfuscated, unwrapped and normalised. */
export interface ExtractedLink extends Span {
  /** The evidence exactly as written: `text.slice(start, end)`. */
  raw: string;
  /** Absolute URL that is scored (after de-obfuscation and unwrapping), ASCII host. */
  url: string;
  /** Lower-case ASCII (punycode) host, no trailing dot, no port. */
  host: string;
  /** The same host in Unicode (for lookalike detection and display). */
  hostUnicode: string;
  /** Registrable domain (public-suffix list) of `host`, ASCII; null for IPs and bare suffixes. */
  domain: string | null;
  /** The public suffix of `host` (e.g. `ru`, `co.uk`). */
  suffix: string | null;
  /** URL path, always starting with `/`. */
  path: string;
  /** True when the text hid the link (`hxxps`, `[.]`, `(.)`, ` . `, zero-width characters inside it). */
  obfuscated: boolean;
  /** Wrapper URLs peeled off to reach `url`, outermost first (archive, redirectors). */
  unwrappedFrom: string[];
}

/** The result of matching one link against the compiled lists. */
export interface ListMatch {
  listId: string;
  listVersion: string;
  /** Human form of the entry that matched: `anti-spiegel.ru`, `t.me/neuesausrussland`, `rtde.*`. */
  matched: string;
  entry: ListEntry;
}

export interface LookalikeMatch {
  /** The listed domain being imitated. */
  imitates: string;
  /** How: `homoglyph` (mixed scripts/confusables), `punycode`, `typo` (edit distance 1). */
  technique: 'homoglyph' | 'punycode' | 'typo';
  match: ListMatch;
}
