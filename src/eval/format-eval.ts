import type { EvalCode } from './eval-item.schema.js';
import { figuresFor, type Figures, type SetScore } from './score-eval.js';
import type { Split } from './split.js';

const LANGS = ['de', 'en'] as const;

function pct(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}

function langsOf(score: SetScore, code: EvalCode): ('de' | 'en')[] {
  return LANGS.filter((lang) => score.rows.some((r) => r.code === code && r.lang === lang));
}

function positives(f: Figures): number {
  return f.tp + f.fn;
}

const HEADER = `${'code'.padEnd(16)} ${'lang'.padEnd(4)} ${'split'.padEnd(5)} ${'origin'.padEnd(13)} ${'items'.padStart(5)} ${'pos'.padStart(4)} ${'P'.padStart(5)} ${'R'.padStart(5)} ${'F1'.padStart(5)} ${'span'.padStart(5)} ${'stance'.padStart(6)} ${'party'.padStart(5)} ${'neg flagged'.padStart(11)}`;

function line(code: string, lang: string, split: string, origin: string, f: Figures): string {
  const negatives = f.negatives === 0 ? '—' : `${f.negativesFlagged}/${f.negatives}`;
  return `${code.padEnd(16)} ${lang.padEnd(4)} ${split.padEnd(5)} ${origin.padEnd(13)} ${String(f.items).padStart(5)} ${String(positives(f)).padStart(4)} ${pct(f.precision).padStart(5)} ${pct(f.recall).padStart(5)} ${pct(f.f1).padStart(5)} ${pct(f.spanAgreement).padStart(5)} ${pct(f.stanceAccuracy).padStart(6)} ${pct(f.partyAccuracy).padStart(5)} ${negatives.padStart(11)}`;
}

export interface FormatOptions {
  /** Only failures of this split are listed (figures are printed for both). */
  split?: Split;
  failures: boolean;
}

/** The human report of `loupe eval`: figures per code, language, split and origin, then failures. */
export function formatEvalReport(scores: readonly SetScore[], options: FormatOptions): string {
  const out: string[] = [];
  for (const score of scores) {
    const items = figuresFor(score, score.codes[0]!, 'all').items;
    out.push(`== ${score.set} (${items} items)`);
    out.push(HEADER);
    for (const code of score.codes) {
      for (const lang of langsOf(score, code)) {
        for (const split of ['dev', 'test'] as const) {
          out.push(line(code, lang, split, 'all', figuresFor(score, code, lang, { split })));
          out.push(line(code, lang, split, 'real', figuresFor(score, code, lang, { split, origin: 'real' })));
          out.push(line(code, lang, split, 'constructed', figuresFor(score, code, lang, { split, origin: 'constructed' })));
        }
      }
    }
    if (options.failures) {
      const failures = score.failures.filter((f) => options.split === undefined || f.split === options.split);
      out.push('');
      out.push(`failures${options.split ? ` (${options.split} split)` : ''}: ${failures.length}`);
      for (const f of failures) {
        out.push(`  ${f.kind.padEnd(6)} ${f.code} ${f.lang} ${f.split} ${f.id}: expected ${f.expected}, got ${f.got}`);
        out.push(`         ${f.text}`);
      }
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

/** The README's "How good is it?" table: test-split figures, all items and real ones apart. */
export function formatEvalMarkdown(scores: readonly SetScore[]): string {
  const out = [
    '| set | code | lang | test items (real) | positives (real) | precision | recall | F1 | real-only P / R | span | stance | negatives flagged |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const score of scores) {
    for (const code of score.codes) {
      for (const lang of langsOf(score, code)) {
        const all = figuresFor(score, code, lang, { split: 'test' });
        const real = figuresFor(score, code, lang, { split: 'test', origin: 'real' });
        const negatives = all.negatives === 0 ? '—' : `${all.negativesFlagged}/${all.negatives} (${((100 * all.negativesFlagged) / all.negatives).toFixed(1)} %)`;
        out.push(
          `| ${score.set} | \`${code}\` | ${lang} | ${all.items} (${real.items}) | ${positives(all)} (${positives(real)}) | ${pct(all.precision)} | ${pct(all.recall)} | ${pct(all.f1)} | ${pct(real.precision)} / ${pct(real.recall)} | ${pct(all.spanAgreement)} | ${pct(all.stanceAccuracy)} | ${negatives} |`,
        );
      }
    }
  }
  return `${out.join('\n')}\n`;
}

/** `--json`: every row's counts and figures, and every failure. */
export function formatEvalJson(scores: readonly SetScore[]): string {
  return `${JSON.stringify(
    {
      sets: scores.map((score) => ({
        set: score.set,
        codes: score.codes,
        figures: score.codes.flatMap((code) =>
          langsOf(score, code).flatMap((lang) =>
            (['dev', 'test'] as const).flatMap((split) =>
              (['all', 'real', 'constructed'] as const).map((origin) => ({ code, lang, split, origin, ...figuresFor(score, code, lang, { split, origin }) })),
            ),
          ),
        ),
        failures: score.failures,
      })),
    },
    null,
    2,
  )}\n`;
}
