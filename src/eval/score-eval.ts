import type { EvalCode } from './eval-item.schema.js';
import type { EvalItem, EvalSet, ExpectedInstance } from './load-eval-sets.js';
import type { Split } from './split.js';

/** What a detector reported, in the terms a label uses. */
export interface FoundInstance {
  code: string;
  start: number;
  end: number;
  stance?: string;
  party?: string;
  candidate?: string;
  domain?: string | null;
}

export type Detect = (item: EvalItem) => FoundInstance[];

export interface Counts {
  items: number;
  negatives: number;
  negativesFlagged: number;
  tp: number;
  fp: number;
  fn: number;
  covered: number;
  stanceLabelled: number;
  stanceRight: number;
  partyLabelled: number;
  partyRight: number;
}

export interface Figures extends Counts {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  spanAgreement: number | null;
  stanceAccuracy: number | null;
  partyAccuracy: number | null;
  /** Share of negative items (none of the code expected) on which the code was reported. */
  negativeFlagRate: number | null;
}

export type FailureKind = 'missed' | 'false' | 'stance' | 'party' | 'span';

export interface Failure {
  set: string;
  id: string;
  split: Split;
  lang: string;
  code: string;
  kind: FailureKind;
  expected: string;
  got: string;
  text: string;
}

export interface Row {
  set: string;
  code: EvalCode;
  lang: 'de' | 'en';
  split: Split;
  origin: 'real' | 'constructed';
  counts: Counts;
}

export interface SetScore {
  set: string;
  codes: EvalCode[];
  rows: Row[];
  failures: Failure[];
}

function emptyCounts(): Counts {
  return { items: 0, negatives: 0, negativesFlagged: 0, tp: 0, fp: 0, fn: 0, covered: 0, stanceLabelled: 0, stanceRight: 0, partyLabelled: 0, partyRight: 0 };
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

export function figuresOf(counts: Counts): Figures {
  const precision = ratio(counts.tp, counts.tp + counts.fp);
  const recall = ratio(counts.tp, counts.tp + counts.fn);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    ...counts,
    precision,
    recall,
    f1,
    spanAgreement: ratio(counts.covered, counts.tp),
    stanceAccuracy: ratio(counts.stanceRight, counts.stanceLabelled),
    partyAccuracy: ratio(counts.partyRight, counts.partyLabelled),
    negativeFlagRate: ratio(counts.negativesFlagged, counts.negatives),
  };
}

export function addCounts(rows: readonly Counts[]): Counts {
  const sum = emptyCounts();
  for (const row of rows) {
    for (const key of Object.keys(sum) as (keyof Counts)[]) sum[key] += row[key];
  }
  return sum;
}

/** The text for a failure line: 120 characters, around the instance when it lies further in. */
export function excerpt(text: string, at = 0, width = 120): string {
  const flat = text.replace(/\s+/gu, ' ');
  const shift = text.length === flat.length ? at : Math.min(at, flat.length);
  if (flat.length <= width) return flat;
  const start = Math.max(0, Math.min(shift - 30, flat.length - width));
  return `${start > 0 ? '…' : ''}${flat.slice(start, start + width)}${start + width < flat.length ? '…' : ''}`;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function describeExpected(e: ExpectedInstance): string {
  const extra = [e.stance, e.party, e.candidate, e.domain].filter((x) => x !== undefined).join(' ');
  return `${JSON.stringify(e.evidence)}${extra ? ` ${extra}` : ''}`;
}

function describeFound(text: string, f: FoundInstance): string {
  const extra = [f.stance, f.party, f.candidate, f.domain].filter((x) => x !== undefined && x !== null).join(' ');
  return `${JSON.stringify(text.slice(f.start, f.end))}${extra ? ` ${extra}` : ''}`;
}

function sameTarget(e: ExpectedInstance, f: FoundInstance): boolean {
  return (e.code !== 'link' && e.code !== 'link.flagged') || e.domain === undefined || e.domain === f.domain;
}

/**
 * Scores one set: an expected instance is found by a reported one of its code whose span overlaps
 * its evidence (for links: with the labelled domain); each reported instance is used once. Every
 * reported instance left over is a false one.
 */
export function scoreSet(set: EvalSet, detect: Detect): SetScore {
  const rows = new Map<string, Row>();
  const failures: Failure[] = [];
  const rowOf = (item: EvalItem, code: EvalCode): Counts => {
    const key = `${code}|${item.lang}|${item.split}|${item.origin}`;
    let row = rows.get(key);
    if (row === undefined) {
      row = { set: set.name, code, lang: item.lang, split: item.split, origin: item.origin, counts: emptyCounts() };
      rows.set(key, row);
    }
    return row.counts;
  };
  for (const item of set.items) {
    const found = detect(item);
    for (const code of set.codes) {
      const counts = rowOf(item, code);
      const expected = item.expect.filter((e) => e.code === code);
      const reported = found.filter((f) => f.code === code);
      const used = new Set<number>();
      const fail = (kind: FailureKind, e: ExpectedInstance | null, f: FoundInstance | null): void => {
        failures.push({
          set: set.name,
          id: item.id,
          split: item.split,
          lang: item.lang,
          code,
          kind,
          expected: e === null ? '—' : describeExpected(e),
          got: f === null ? '—' : describeFound(item.text, f),
          text: excerpt(item.text, (e ?? f)?.start ?? 0),
        });
      };
      counts.items++;
      if (expected.length === 0) counts.negatives++;
      for (const e of expected) {
        let best = -1;
        for (let k = 0; k < reported.length; k++) {
          const f = reported[k]!;
          if (used.has(k) || !overlaps(e, f) || !sameTarget(e, f)) continue;
          const covers = f.start <= e.start && f.end >= e.end;
          if (best < 0 || covers) best = k;
          if (covers) break;
        }
        if (best < 0) {
          counts.fn++;
          fail('missed', e, null);
          continue;
        }
        used.add(best);
        const f = reported[best]!;
        counts.tp++;
        if (f.start <= e.start && f.end >= e.end) counts.covered++;
        else fail('span', e, f);
        if (e.stance !== undefined) {
          counts.stanceLabelled++;
          if (f.stance === e.stance) counts.stanceRight++;
          else fail('stance', e, f);
        }
        if (e.party !== undefined) {
          counts.partyLabelled++;
          if (f.party === e.party) counts.partyRight++;
          else fail('party', e, f);
        }
      }
      reported.forEach((f, k) => {
        if (used.has(k)) return;
        counts.fp++;
        fail('false', null, f);
      });
      if (expected.length === 0 && reported.length > 0) counts.negativesFlagged++;
    }
  }
  return { set: set.name, codes: set.codes, rows: [...rows.values()], failures };
}

export interface Grouping {
  split?: Split | 'all';
  origin?: 'real' | 'constructed' | 'all';
}

/** Figures for one code and language (or both), summed over the rows the grouping keeps. */
export function figuresFor(score: SetScore, code: EvalCode, lang: 'de' | 'en' | 'all', grouping: Grouping = {}): Figures {
  const split = grouping.split ?? 'all';
  const origin = grouping.origin ?? 'all';
  return figuresOf(
    addCounts(
      score.rows
        .filter((r) => r.code === code && (lang === 'all' || r.lang === lang) && (split === 'all' || r.split === split) && (origin === 'all' || r.origin === origin))
        .map((r) => r.counts),
    ),
  );
}
