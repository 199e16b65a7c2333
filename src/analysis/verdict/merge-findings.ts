import type { Finding } from '../types.js';

/** Findings of one kind beyond this many are merged into one. */
export const MAX_PER_KIND = 3;
/** Spans a merged finding lists in `details.spans`. */
const MAX_SPANS = 20;

/** What makes two findings the same kind of evidence: the code and what it points at. */
function kindOf(f: Finding): string {
  const d = f.details;
  const text = (key: string): string => (typeof d[key] === 'string' ? (d[key] as string).toLowerCase() : '');
  switch (f.code) {
    case 'link.listed':
    case 'link.lookalike':
    case 'link.impersonation':
    case 'link.shortener':
      return `${f.code}|${text('domain') || text('host')}`;
    case 'text.vote_call':
      return `${f.code}|${text('party')}|${text('stance')}|${text('candidate')}`;
    case 'text.partisan_rhetoric':
      return `${f.code}|${text('term')}`;
    default:
      return f.code;
  }
}

/**
 * Keeps a verdict small however long the comment: when one kind of evidence (a code and what it
 * points at: the same domain, party and stance, term) turns up more than MAX_PER_KIND times, its
 * findings become one, at the first one's place, with the highest severity, `details.count`
 * findings in all and the spans of the first 20. Up to MAX_PER_KIND they stay as they are, so a
 * comment with two links to one site still shows both.
 */
export function mergeRepeatedFindings(findings: readonly Finding[]): readonly Finding[] {
  const byKind = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = kindOf(f);
    const list = byKind.get(key);
    if (list === undefined) byKind.set(key, [f]);
    else list.push(f);
  }
  if ([...byKind.values()].every((list) => list.length <= MAX_PER_KIND)) return findings;
  const out: Finding[] = [];
  for (const list of byKind.values()) {
    if (list.length <= MAX_PER_KIND) {
      out.push(...list);
      continue;
    }
    const first = list[0]!;
    out.push({
      ...first,
      severity: Math.max(...list.map((f) => f.severity)),
      details: { ...first.details, count: list.length, spans: list.slice(0, MAX_SPANS).map((f) => ({ start: f.start, end: f.end })) },
    });
  }
  return out;
}
