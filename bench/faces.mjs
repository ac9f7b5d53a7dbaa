// The OpenAI faces beside /v1/messages: from results.jsonl, the runs labelled
// faces-c64-<api>-r<round> (same schedule, interleaved) and faces-throughput-c64-<api>, as a Markdown
// table with what /v1/chat/completions and /v1/responses add to /v1/messages (issue #21: ≤ 10 %).
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
// One run, or several interleaved rounds "-r1", "-r2", …
const rounds = (api, kind = 'c64') => {
  const one = stream(`faces-${kind}-${api}`);
  if (one) return [one];
  const list = [];
  for (let r = 1; stream(`faces-${kind}-${api}-r${r}`); r += 1) list.push(stream(`faces-${kind}-${api}-r${r}`));
  return list;
};
const metrics = [
  ['first token (TTFB) p50', (l) => l.ttfb_us.p50, 'µs'],
  ['first content event p50', (l) => l.first_content_us.p50, 'µs'],
  ['per-event latency p50', (l) => l.event_latency_us.p50, 'µs'],
  ['per-event latency p99', (l) => l.event_latency_us.p99, 'µs'],
];
const base = rounds('messages');
const fmt = (x) => (x == null ? 'n/a' : x.toFixed(1));
const pct = (x) => (x == null ? 'n/a' : `${x >= 0 ? '+' : ''}${x.toFixed(1)} %`);
console.log(`64 concurrent streams, 25 events 20 ms apart, ${base.length} interleaved rounds (median of the rounds; the difference is taken within each round)\n`);
console.log('| | /v1/messages | /v1/chat/completions | vs messages | /v1/responses | vs messages |');
console.log('|---|---|---|---|---|---|');
for (const [name, get, unit] of metrics) {
  const row = [`${name} (${unit})`, fmt(median(base.map(get)))];
  for (const api of ['chat', 'responses']) {
    const own = rounds(api);
    const diffs = own.map((l, i) => (base[i] ? (get(l) - get(base[i])) / get(base[i]) * 100 : null));
    row.push(fmt(median(own.map(get))), pct(median(diffs)));
  }
  console.log(`| ${row.join(' | ')} |`);
}
const events = (l) => l.events_per_s;
const tpBase = rounds('messages', 'throughput-c64');
const row = [`streamed events/s, 64 streams × 500 events, no pause (${tpBase.length} round(s))`, fmt(median(tpBase.map(events)))];
for (const api of ['chat', 'responses']) {
  const own = rounds(api, 'throughput-c64');
  row.push(fmt(median(own.map(events))),
    pct(median(own.map((l, i) => (tpBase[i] ? (events(l) - events(tpBase[i])) / events(tpBase[i]) * 100 : null)))));
}
console.log(`| ${row.join(' | ')} |`);
const failures = apis.flatMap((api) => [...rounds(api), ...rounds(api, 'throughput-c64')]).reduce((n, l) => n + l.failed, 0);
console.log(`\nFailed streams: ${failures}`);
