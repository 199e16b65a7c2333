/** Formatting for the benchmark's human-readable output. */
import type { CpuUsage } from './cpu.js';
import type { LoadResult } from './load-generator.js';
import { formatMs, type LatencySummary } from './percentiles.js';

export function int(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '-';
}

export function ratio(a: number, b: number): string {
  return Number.isFinite(a / b) ? `${(a / b).toFixed(2)}x` : '-';
}

export function percent(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)}%` : '-';
}

/** "none", or every non-202 outcome with its count: "503 x12, ECONNRESET x1". */
export function failures(load: LoadResult): string {
  const entries = Object.entries(load.failures);
  return entries.length === 0 ? 'none' : entries.map(([what, n]) => `${what} x${n}`).join(', ');
}

/** Cores used by nothing the benchmark runs; above this, the phase shared the machine. */
const OTHERS_WARNING_CORES = 0.2;

/** Cores the machine spent on anything but server, PostgreSQL, Redis and the load generator. */
export function otherCores(usage: CpuUsage, load: LoadResult): number {
  return usage.machineCores - usage.serverCores - usage.postgresCores - usage.redisCores - load.cpuCores;
}

export function cpu(usage: CpuUsage, load: LoadResult): string {
  const cores = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '-');
  const others = otherCores(usage, load);
  const warning = others > OTHERS_WARNING_CORES ? ' (WARNING: something else was using the machine; figures are pessimistic)' : '';
  return (
    `machine ${percent(usage.machineBusy)} busy; cores used by server ${cores(usage.serverCores)}, PostgreSQL ${cores(usage.postgresCores)}, ` +
    `Redis ${cores(usage.redisCores)}, load generator ${cores(load.cpuCores)}, other processes ${cores(others)}${warning}`
  );
}

/** Fixed-width table: first column left-aligned, the rest right-aligned. */
export function table(header: string[], rows: string[][], indent = '  '): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    (indent + header.map((_, i) => (i === 0 ? (cells[i] ?? '').padEnd(widths[i]!) : (cells[i] ?? '').padStart(widths[i]!))).join('  ')).trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** One latency row: p50, p90, p99, max, then the p99 target and whether it was met. */
export function latencyRow(name: string, s: LatencySummary, p99TargetMs?: number): string[] {
  const target = p99TargetMs === undefined ? [] : [`p99 <= ${p99TargetMs} ms`, s.p99 <= p99TargetMs ? 'met' : 'MISSED'];
  return [name, int(s.count), formatMs(s.p50), formatMs(s.p90), formatMs(s.p99), formatMs(s.max), ...target];
}

export const LATENCY_HEADER = ['latency (ms)', 'n', 'p50', 'p90', 'p99', 'max', 'target', ''];
