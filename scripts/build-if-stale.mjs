#!/usr/bin/env node
// Builds only when something the build reads has changed since the last successful build
// (`npm run loupe`, `start`, `bench:*`, `eval` call it first). `npm run build` (and so `npm test`)
// always builds in full; CI runs from a fresh clone.
//
// Two keys, both content hashes, recorded in dist/.build-stamp.json after a build succeeds:
// - prisma: prisma/schema.prisma, prisma.config.ts and the installed prisma / @prisma/client
//   versions. Only a change here runs `prisma generate` (src/generated/ is its output).
// - tsc: every file under src/ (generated client included) and bench/, tsconfig*.json,
//   package.json and package-lock.json. A change here runs `tsc -p tsconfig.build.json`.
// The stamp also records a signature (path, size, mtime) of every file under dist/ as this
// script left it, so that a build run by someone else in between (say a failed `npm run build`
// that emitted half-broken JavaScript before the sources were reverted) is never taken as ours.
// The stamp is removed before any step runs and written only when every step exited 0.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-stamp.json');
const LOCK = join(ROOT, 'node_modules', '.cache', 'loupe-build.lock');
const GENERATED = join(ROOT, 'src', 'generated', 'prisma');
const ENTRY = join(DIST, 'src', 'cli', 'main.js');
const LOCK_WAIT_MS = 10 * 60_000;
const verbose = process.argv.includes('--verbose');

/** Every file under `dir`, as paths relative to ROOT, sorted so the hash does not depend on readdir order. */
function walk(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if (e.code === 'ENOENT') return out;
    throw e;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile() || entry.isSymbolicLink()) out.push(relative(ROOT, path));
  }
  return out;
}

function hashFiles(files) {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    hash.update(file).update('\0');
    try {
      hash.update(readFileSync(join(ROOT, file)));
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
      hash.update('<missing>');
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

function installedVersion(name) {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'none';
  }
}

function prismaKey() {
  const files = hashFiles(['prisma/schema.prisma', 'prisma.config.ts']);
  return createHash('sha256').update(`${files}|prisma@${installedVersion('prisma')}|client@${installedVersion('@prisma/client')}`).digest('hex');
}

function tscKey() {
  const files = [
    ...walk(join(ROOT, 'src')),
    ...walk(join(ROOT, 'bench')),
    ...readdirSync(ROOT).filter((f) => /^tsconfig.*\.json$/.test(f)),
    'package.json',
    'package-lock.json',
  ];
  return createHash('sha256').update(`${hashFiles(files)}|typescript@${installedVersion('typescript')}`).digest('hex');
}

/** What dist/ looks like: changes whenever anything (re)writes a file there. */
function distSignature() {
  const hash = createHash('sha256');
  for (const file of walk(DIST).filter((f) => f !== relative(ROOT, STAMP)).sort()) {
    const s = statSync(join(ROOT, file));
    hash.update(`${file}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return {};
  }
}

function log(message) {
  if (verbose) process.stderr.write(`build-if-stale: ${message}\n`);
}

function run(command, args, { quiet = false } = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout}${result.stderr}`);
    throw new BuildFailed(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`, result.status ?? 1);
  }
}

class BuildFailed extends Error {
  constructor(message, exitCode) {
    super(message);
    this.exitCode = exitCode;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** One build at a time: a second caller waits for the first and then finds everything fresh. */
function acquireLock() {
  mkdirSync(dirname(LOCK), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
      return;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    const holder = Number(readFileSync(LOCK, 'utf8').trim() || 0);
    if (holder && !isAlive(holder)) {
      rmSync(LOCK, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${LOCK} held by process ${holder} for over ${LOCK_WAIT_MS / 1000} s`);
    Atomics.wait(sleeper, 0, 0, 200);
  }
}

/** Null when fresh, else the reason to build. */
function staleness(stamp, keys) {
  if (!existsSync(join(GENERATED, 'client.ts'))) return 'no generated Prisma client';
  if (!existsSync(ENTRY)) return 'no dist/';
  if (stamp.prisma !== keys.prisma) return 'Prisma schema or version changed';
  if (stamp.tsc !== keys.tsc) return 'sources changed';
  if (stamp.dist !== distSignature()) return 'dist/ was written by another build';
  return null;
}

function build() {
  let stamp = readStamp();
  const keys = { prisma: prismaKey(), tsc: tscKey() };
  let reason = staleness(stamp, keys);
  if (reason === null) return log('fresh');
  acquireLock();
  try {
    // Someone may have built while we waited.
    stamp = readStamp();
    keys.prisma = prismaKey();
    reason = staleness(stamp, keys);
    if (reason === null) return log('fresh (built by another process)');
    log(`building: ${reason}`);
    rmSync(STAMP, { force: true });
    if (stamp.prisma !== keys.prisma || !existsSync(join(GENERATED, 'client.ts'))) {
      run('npm', ['run', '-s', 'prisma:generate'], { quiet: true });
    }
    // The client is generated: a failing tsc below need not regenerate it next time.
    mkdirSync(DIST, { recursive: true });
    writeFileSync(STAMP, `${JSON.stringify({ prisma: keys.prisma }, null, 2)}\n`);
    // Hashed after generate (its output is a tsc input) and before tsc, so that an edit made while
    // tsc runs is seen as a change next time.
    keys.tsc = tscKey();
    run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
    writeFileSync(STAMP, `${JSON.stringify({ ...keys, dist: distSignature() }, null, 2)}\n`);
  } finally {
    rmSync(LOCK, { force: true });
  }
}

try {
  build();
} catch (e) {
  process.stderr.write(`build-if-stale: ${e.message}\n`);
  process.exitCode = e instanceof BuildFailed ? e.exitCode : 1;
}
