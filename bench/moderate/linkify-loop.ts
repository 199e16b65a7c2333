/**
 * The baseline of bench:moderate: the least a batch link tool can do. Reads a JSONL file line by
 * line, calls linkifyjs `find()` on each comment's text and prints the links it found as one JSON
 * line per comment (output batched into large writes, as any batch tool would).
 * Usage: node linkify-loop.js FILE
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { find } from 'linkifyjs';

const FLUSH_AT = 1 << 16;

async function main(file: string): Promise<void> {
  let out = '';
  let line = 0;
  for await (const raw of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    line++;
    if (raw === '') continue;
    const { text } = JSON.parse(raw) as { text: string };
    const links = find(text).map((t) => ({ href: t.href, start: t.start, end: t.end }));
    out += `${JSON.stringify({ line, links })}\n`;
    if (out.length >= FLUSH_AT) {
      process.stdout.write(out);
      out = '';
    }
  }
  process.stdout.write(out);
}

void main(process.argv[2] ?? '/dev/stdin');
