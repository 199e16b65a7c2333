// Sends one list-import body to a running service on request, from a process of its own: the
// event-loop test measures the service's loop delay, and building and sending a 16 MB body in
// Jest's process (its heap holds every earlier test file's garbage, and a full collection of it
// stops both cores for a moment) disturbed the figures by more than the work measured.
//
// argv[2]: JSON { base, path, token, body: { head, unit, suffix, limit } | { rows } }.
// Prints "ready" once the body is built, then for every line "go" read on stdin sends the body as a
// dry run and for real and prints one line of JSON: { statuses, problems } (the dry run's error
// messages). Ends when stdin closes.
import { createInterface } from 'node:readline';

const { base, path, token, body: shape } = JSON.parse(process.argv[2]);

function build() {
  if (shape.rows !== undefined) {
    const rows = Array.from({ length: shape.rows }, (_, i) => `loop-${i}.example,domain,satire,0.5,entity ${i},a note\n`);
    return shape.head + rows.join('');
  }
  // Just under the limit: room for the suffix and a line end.
  const count = Math.floor((shape.limit - shape.head.length - 16) / shape.unit.length);
  return shape.head + shape.unit.repeat(count) + (shape.suffix ?? '');
}

const body = Buffer.from(build());

async function post(query) {
  const res = await fetch(`${base}${path}${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body });
  return { status: res.status, body: await res.json() };
}

process.stdout.write(`${JSON.stringify({ ready: true, bytes: body.length })}\n`);
for await (const command of createInterface({ input: process.stdin })) {
  if (command !== 'go') throw new Error(`unknown command ${JSON.stringify(command)}`);
  const dry = await post('?dryRun=true');
  const real = await post('');
  const problems = (dry.body.errors ?? []).map((e) => e.message);
  process.stdout.write(`${JSON.stringify({ statuses: [dry.status, real.status], problems })}\n`);
}
