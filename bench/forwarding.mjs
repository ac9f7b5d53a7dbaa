// Reads the "kirotray.forwarding" lines that kirotray logged after line --from of --log and appends one
// JSON line with the distribution of their per-event times to --json.
// Usage: node forwarding.mjs --log FILE --from N --label L --json FILE
import { appendFileSync, readFileSync } from 'node:fs';

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) throw new Error(`missing --${name}`);
  return process.argv[i + 1];
};
const marker = 'upstream events; µs from socket read to client write:';
const times = [];
let streams = 0;
for (const line of readFileSync(arg('log'), 'utf8').split('\n').slice(Number(arg('from')))) {
  const at = line.indexOf(marker);
  if (at < 0) continue;
  streams += 1;
  for (const t of line.slice(at + marker.length).trim().split(/\s+/).filter(Boolean)) times.push(Number(t));
}
times.sort((a, b) => a - b);
const q = (p) => (times.length ? times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] : null);
const result = {
  mode: 'forwarding', label: arg('label'), streams, events: times.length,
  us: { p50: q(0.5), p90: q(0.9), p99: q(0.99), p999: q(0.999), max: times.at(-1) ?? null },
  within_100us_pct: times.length ? (100 * times.filter((t) => t <= 100).length) / times.length : null,
};
appendFileSync(arg('json'), `${JSON.stringify(result)}\n`);
console.log(JSON.stringify(result));
