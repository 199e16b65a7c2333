/**
 * CPU accounting over a phase from /proc (Linux): how busy the whole machine was, and how many
 * cores the server process, PostgreSQL and Redis used. On 2 cores this tells "the service is the
 * bottleneck" apart from "the machine is full", and shows when something else (a test suite, a
 * build) was competing for the cores. NaN where /proc is not readable.
 */
import { cpus } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** USER_HZ: /proc reports CPU time in these ticks; 100 on every mainstream Linux build. */
const TICKS_PER_SECOND = 100;
/** A PostgreSQL client backend's title: "postgres: 15/main: user db 127.0.0.1(5432) idle". */
const CLIENT_BACKEND = /\[local\]|\(\d+\)/;

export interface CpuUsage {
  /** Share of all cores that was not idle, 0..1. */
  machineBusy: number;
  /** Cores in use, all processes together (machineBusy x number of cores). */
  machineCores: number;
  /** CPU seconds per wall-clock second (1 = one full core). */
  serverCores: number;
  /** The database's own backends plus PostgreSQL's shared background processes. */
  postgresCores: number;
  /** Redis is one process shared with anything else using it. */
  redisCores: number;
}

interface ProcessCpu {
  comm: string;
  ticks: number;
  /** Process title, read for PostgreSQL processes only (it names the database). */
  title: string;
}

interface Snapshot {
  at: number;
  busy: number;
  total: number;
  processes: Map<number, ProcessCpu>;
}

function readOr<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** First line of /proc/stat: user nice system idle iowait irq softirq steal ... (ticks). */
function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = fields[3]! + fields[4]!;
  return { busy: total - idle, total };
}

/** /proc/<pid>/stat is "pid (comm) state ..."; utime and stime are the 12th and 13th fields after ")". */
function processCpu(pid: number): ProcessCpu | undefined {
  return readOr(() => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const title = comm === 'postgres' ? readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ') : '';
    return { comm, ticks: Number(fields[11]) + Number(fields[12]), title };
  }, undefined);
}

function snapshot(): Snapshot {
  const processes = new Map<number, ProcessCpu>();
  for (const entry of readOr(() => readdirSync('/proc'), [])) {
    const pid = Number(entry);
    const cpu = Number.isInteger(pid) ? processCpu(pid) : undefined;
    if (cpu) processes.set(pid, cpu);
  }
  return { at: performance.now(), ...readOr(machineTicks, { busy: NaN, total: NaN }), processes };
}

/**
 * Cores used between two snapshots by the processes `matches` selects. A process born during the
 * phase (a new PostgreSQL backend) counts from zero; one that died during it is lost, which only
 * under-counts short-lived processes.
 */
function coresBetween(start: Snapshot, end: Snapshot, matches: (pid: number, p: ProcessCpu) => boolean): number {
  if (end.processes.size === 0) return NaN;
  let ticks = 0;
  for (const [pid, p] of end.processes) {
    if (matches(pid, p)) ticks += p.ticks - (start.processes.get(pid)?.ticks ?? 0);
  }
  return ticks / TICKS_PER_SECOND / ((end.at - start.at) / 1000);
}

/** Starts measuring now; call the returned function at the end of the phase. */
export function measureCpu(serverPid: number, database: string): () => CpuUsage {
  const ownBackend = new RegExp(`\\s${database}(\\s|$)`);
  const start = snapshot();
  return () => {
    const end = snapshot();
    const machineBusy = (end.busy - start.busy) / (end.total - start.total);
    return {
      machineBusy,
      machineCores: machineBusy * cpus().length,
      serverCores: coresBetween(start, end, (pid) => pid === serverPid),
      postgresCores: coresBetween(start, end, (_, p) => p.comm === 'postgres' && (ownBackend.test(p.title) || !CLIENT_BACKEND.test(p.title))),
      redisCores: coresBetween(start, end, (_, p) => p.comm.startsWith('redis-server')),
    };
  };
}

/** Machine busy share over a short idle period, to warn when the machine is not quiet. */
export async function idleMachineBusy(ms = 1_000): Promise<number> {
  const start = readOr(machineTicks, { busy: NaN, total: NaN });
  await sleep(ms);
  const end = readOr(machineTicks, { busy: NaN, total: NaN });
  return (end.busy - start.busy) / (end.total - start.total);
}
