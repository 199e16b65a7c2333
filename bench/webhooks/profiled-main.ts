/**
 * `node dist/src/main.js` under the V8 CPU profiler, for BENCH_WEBHOOK_CPU_PROF=<dir> (--cpu-prof
 * is not allowed in NODE_OPTIONS, and the benchmark's process helpers spawn `node <script>`). Same
 * process, so the CPU accounting still sees the service; the profile is written when it exits.
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../e2e/config.js';

const dir = process.env.BENCH_WEBHOOK_CPU_PROF_DIR ?? '.';
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.start');
// An in-process session answers synchronously, so this works in an 'exit' listener.
process.on('exit', () => {
  session.post('Profiler.stop', (err, result) => {
    if (err) return;
    const file = join(dir, `loupe-webhooks-${process.pid}.cpuprofile`);
    writeFileSync(file, JSON.stringify(result.profile));
  });
});
await import(join(ROOT, 'dist', 'src', 'main.js'));
