/**
 * Preloaded into each child of bench:moderate (`node --import …/report-usage.js`): when the
 * process exits, writes its own process.resourceUsage() (start-up included) as JSON to the file
 * named by BENCH_USAGE_FILE. The parent cannot read a child's rusage through node:child_process.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, JSON.stringify(process.resourceUsage()));
  });
}
