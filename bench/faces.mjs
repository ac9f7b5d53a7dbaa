// The OpenAI faces beside /v1/messages, from results.jsonl (the target: each may add at most 10 %):
// - faces-c64-<api>-r<round>: 64 streams through one face at a time, the faces interleaved round by round;
// - faces-mixed-<api>-r<round>: the three faces at once, 21 streams each, so that each round's
//   difference is taken under the same machine load;
// - faces-throughput-c64-<api> and faces-mixed-throughput-<api>: events/s of long streams, one face
//   at a time and the three at once;
// - facecost: each face's own CPU per request (kt_facebench).
// The differences are taken within each round, and the table gives their median.
// Usage: node faces.mjs results.jsonl
import { readFileSync } from 'node:fs';

const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const stream = (label) => lines.find((l) => l.mode === 'stream' && l.label === label);
const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const apis = ['messages', 'chat', 'responses'];
// One run, or several rounds "-r1", "-r2", …
const rounds = (api, kind) => {
  const one = stream(`faces-${kind}-${api}`);
  if (one) return [one];
  const list = [];
  for (let r = 1; stream(`faces-${kind}-${api}-r${r}`); r += 1) list.push(stream(`faces-${kind}-${api}-r${r}`));
  return list;
};
const fmt = (x) => (x == null ? 'n/a' : x.toFixed(1));
const pct = (x) => (x == null ? 'n/a' : `${x >= 0 ? '+' : ''}${x.toFixed(1)} %`);
const header = '| | /v1/messages | /v1/chat/completions | vs messages | /v1/responses | vs messages |\n|---|---|---|---|---|---|';
const row = (name, kind, get) => {
  const base = rounds('messages', kind);
  const cells = [name, fmt(median(base.map(get)))];
  for (const api of ['chat', 'responses']) {
    const own = rounds(api, kind);
    const diffs = own.map((l, i) => (base[i] ? (get(l) - get(base[i])) / get(base[i]) * 100 : null));
    cells.push(fmt(median(own.map(get))), pct(median(diffs)));
  }
  return `| ${cells.join(' | ')} |`;
};
const metrics = [
  ['first token (TTFB) p50 (µs)', (l) => l.ttfb_us.p50],
  ['first token (TTFB) p99 (µs)', (l) => l.ttfb_us.p99],
  ['per-event latency p50 (µs)', (l) => l.event_latency_us.p50],
  ['per-event latency p99 (µs)', (l) => l.event_latency_us.p99],
];
const table = (kind, title) => {
  const n = rounds('messages', kind).length;
  if (!n) return;
  console.log(`${title}, ${n} round(s) (median of the rounds; the difference is taken within each round)\n`);
  console.log(header);
  for (const [name, get] of metrics) console.log(row(name, kind, get));
  if (kind === 'c64' && rounds('messages', 'throughput-c64').length)
    console.log(row('streamed events/s, 64 streams × 500 events, no pause', 'throughput-c64', (l) => l.events_per_s));
  if (kind === 'mixed' && rounds('messages', 'mixed-throughput').length)
    console.log(row('streamed events/s, 21 streams × 500 events each, no pause', 'mixed-throughput', (l) => l.events_per_s));
  console.log('');
};
table('c64', '64 concurrent streams through one face at a time, 25 events 20 ms apart, the faces interleaved');
table('mixed', 'The three faces at once, 21 streams each (63 in all), 25 events 20 ms apart');

const costs = lines.filter((l) => l.mode === 'facecost');
if (costs.length) {
  const base = costs.find((c) => c.api === 'messages');
  console.log(`Each face's own CPU per request (kt_facebench, in process, best of 30 runs of 2,000 requests)\n`);
  console.log('| | request translation (µs) | first write (µs) | whole stream (µs) | bytes to the client |');
  console.log('|---|---|---|---|---|');
  for (const c of costs)
    console.log(`| ${c.api} | ${c.translate_us.toFixed(2)} | ${c.first_write_us.toFixed(2)} | ${c.stream_us.toFixed(2)}${base && c !== base ? ` (${pct((c.stream_us - base.stream_us) / base.stream_us * 100)})` : ''} | ${c.bytes} |`);
  console.log('');
}
const failures = apis.flatMap((api) => ['c64', 'mixed', 'throughput-c64', 'mixed-throughput'].flatMap((k) => rounds(api, k))).reduce((n, l) => n + l.failed, 0);
console.log(`Failed streams: ${failures}`);
