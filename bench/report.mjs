// Turns bench/run.sh's results.jsonl into the Markdown tables of bench/RESULTS.md.
// Usage: node report.mjs results.jsonl
import { readFileSync } from 'node:fs';

const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const stream = (label) => lines.find((l) => l.mode === 'stream' && l.label === label);
const forwarding = (label) => lines.find((l) => l.mode === 'forwarding' && l.label === label);
const memory = (label) => lines.find((l) => l.mode === 'memory' && l.label === label);
const machine = lines.find((l) => l.mode === 'machine') ?? {};
const startup = lines.find((l) => l.mode === 'startup');
const tokens = lines.find((l) => l.mode === 'count_tokens');

const ms = (us) => (us == null || Number.isNaN(us) ? 'n/a' : `${(us / 1000).toFixed(3)} ms`);
const micro = (us) => (us == null || Number.isNaN(us) ? 'n/a' : `${us.toFixed(1)} µs`);
const mib = (kb) => (kb == null || kb < 0 ? 'n/a' : `${(kb / 1024).toFixed(1)} MiB`);
const verdict = (ok) => (ok == null ? 'n/a' : ok ? '**met**' : '**missed**');
const median = (xs) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
// One latency run per target, or (64 streams) several interleaved rounds "-r1", "-r2", …
const rounds = (c, target) => {
  const one = stream(`latency-c${c}-${target}`);
  if (one) return [one];
  const list = [];
  for (let r = 1; stream(`latency-c${c}-${target}-r${r}`); r += 1) list.push(stream(`latency-c${c}-${target}-r${r}`));
  return list;
};
// a minus b, round by round; the median of the rounds and every round's own difference
const diffs = (c, a, b, key, q) => {
  const ra = rounds(c, a), rb = rounds(c, b);
  const each = ra.slice(0, rb.length).map((x, i) => x[key][q] - rb[i][key][q]);
  return { value: median(each), each };
};
const shown = (d, unit) => (d.each.length > 1 ? `${unit(d.value)} (median of ${d.each.length} rounds: ${d.each.map((x) => unit(x)).join(', ')})` : unit(d.value));

const out = [];
out.push('## Machine', '', '| | |', '|---|---|');
for (const [k, v] of Object.entries({ 'CPU': machine.cpu, 'nproc': machine.nproc, 'kernel': machine.kernel, 'Qt (libqt6core6)': machine.qt,
  'compiler': machine.compiler, 'node': machine.node, 'load average before the run': machine.loadavg, 'commit': machine.commit, 'date (UTC)': machine.date,
  'upstreamKeepAlive': machine.keepAlive ?? false }))
  out.push(`| ${k} | ${v ?? 'n/a'} |`);

const rows = [];
for (const c of [1, 64]) {
  const a50 = diffs(c, 'proxy', 'direct', 'ttfb_us', 'p50'), a99 = diffs(c, 'proxy', 'direct', 'ttfb_us', 'p99');
  rows.push([`added TTFB p50, ${c} stream${c > 1 ? 's' : ''}`, shown(a50, ms), c === 64 ? '≤ 0.5 ms' : '', c === 64 ? verdict(a50.value == null ? null : a50.value <= 500) : '']);
  rows.push([`added TTFB p99, ${c} stream${c > 1 ? 's' : ''}`, shown(a99, ms), c === 64 ? '≤ 2 ms' : '', c === 64 ? verdict(a99.value == null ? null : a99.value <= 2000) : '']);
}
for (const c of [1, 64]) {
  const e50 = diffs(c, 'proxy', 'direct', 'event_latency_us', 'p50'), e99 = diffs(c, 'proxy', 'direct', 'event_latency_us', 'p99');
  rows.push([`added per-event latency p50, ${c} stream${c > 1 ? 's' : ''}`, shown(e50, micro), '≤ 100 µs', verdict(e50.value == null ? null : e50.value <= 100)]);
  rows.push([`added per-event latency p99, ${c} stream${c > 1 ? 's' : ''}`, shown(e99, micro), '≤ 100 µs', verdict(e99.value == null ? null : e99.value <= 100)]);
}
// Inside the proxy (kirotray.forwarding): upstream socket read to client socket write, per event.
for (const c of [1, 64]) {
  const f = forwarding(`forwarding-c${c}`);
  const streams = `${c} stream${c > 1 ? 's' : ''}`;
  const shown = f ? `p50 ${micro(f.us.p50)}, p99 ${micro(f.us.p99)}, p99.9 ${micro(f.us.p999)}, max ${micro(f.us.max)}; ${f.within_100us_pct.toFixed(2)} % within 100 µs (${f.events} events)` : 'n/a';
  rows.push([`per-event time inside the proxy (upstream read to client write), ${streams}`, shown, 'p99 ≤ 100 µs', verdict(f ? f.us.p99 <= 100 : null)]);
}
// The same differences against a plain TCP relay (kt_load relay): relay minus direct is what any
// process in the path costs on this machine, proxy minus relay what the proxy's own work adds.
for (const c of [1, 64]) {
  const streams = `${c} stream${c > 1 ? 's' : ''}`;
  rows.push([`added TTFB p50 over a plain relay, ${streams}`, shown(diffs(c, 'proxy', 'relay', 'ttfb_us', 'p50'), ms), '', '']);
  rows.push([`added per-event latency p50 over a plain relay, ${streams}`, shown(diffs(c, 'proxy', 'relay', 'event_latency_us', 'p50'), micro), '', '']);
  rows.push([`added per-event latency p99 over a plain relay, ${streams}`, shown(diffs(c, 'proxy', 'relay', 'event_latency_us', 'p99'), micro), '', '']);
  rows.push([`TTFB added by a plain relay (no work), p50, ${streams}`, shown(diffs(c, 'relay', 'direct', 'ttfb_us', 'p50'), ms), '', '']);
  rows.push([`per-event latency added by a plain relay (no work), p50, ${streams}`, shown(diffs(c, 'relay', 'direct', 'event_latency_us', 'p50'), micro), '', '']);
}
for (const c of [1, 64]) {
  const p = stream(`throughput-c${c}-proxy`), d = stream(`throughput-c${c}-direct`);
  rows.push([`streamed events/s, ${c} stream${c > 1 ? 's' : ''} (direct: ${d ? Math.round(d.events_per_s) : 'n/a'})`,
    p ? `${Math.round(p.events_per_s)} /s` : 'n/a', '', '']);
}
const burst = stream('burst-c256-proxy');
rows.push(['256 concurrent streams', burst ? `${burst.ok}/${burst.requests} complete, ${burst.failed} errors` : 'n/a', '0 errors',
  verdict(burst ? burst.failed === 0 && burst.ok === 256 : null)]);
const bursts = (target) => lines.filter((l) => l.mode === 'stream' && l.label.startsWith(`burst-c1024-${target}-r`));
const proxy1024 = bursts('proxy'), direct1024 = bursts('direct'), relay1024 = bursts('relay');
// p99 of `over` ÷ p99 of `under`, round by round, and their median.
const p99Ratio = (over, under) => {
  const ratios = over.map((o, i) => (under[i] ? o.ttfb_us.p99 / under[i].ttfb_us.p99 : null)).filter((x) => x != null).sort((a, b) => a - b);
  const median = ratios.length ? ratios[Math.floor(ratios.length / 2)] : null;
  return median != null ? `${median.toFixed(2)}× (${over.map((l, i) => `${ms(l.ttfb_us.p99)} vs ${ms(under[i]?.ttfb_us.p99)}`).join('; ')})` : 'n/a';
};
const medianOf = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : null);
// CPU ms per request a process used during bursts (median of the bursts that recorded it).
const cpuPerRequest = (runs, name) => medianOf(runs.filter((l) => l.cpu_ms?.[name] != null).map((l) => l.cpu_ms[name] / l.requests));
const cpuRow = (runs, middle) => [middle, 'fake', 'client'].map((name) => {
  const v = cpuPerRequest(runs, name);
  return v != null ? `${name} ${v.toFixed(2)}` : null;
}).filter(Boolean).join(', ');
if (proxy1024.length) {
  const failed = proxy1024.reduce((n, l) => n + l.failed, 0), requests = proxy1024.reduce((n, l) => n + l.requests, 0);
  rows.push([`1,024 concurrent streams, started under a 1,024 soft limit (${proxy1024.length} round(s))`,
    `${requests - failed}/${requests} complete, ${failed} errors`, '0 errors', verdict(failed === 0)]);
  const ratios = proxy1024.map((p, i) => (direct1024[i] ? p.ttfb_us.p99 / direct1024[i].ttfb_us.p99 : null)).filter((x) => x != null);
  const ratio = medianOf(ratios);
  const roundsNote = machine.keepAlive ? '; with upstreamKeepAlive round 1 opens the connections the later rounds reuse' : '';
  rows.push([`first token p99 at 1,024 streams, proxy ÷ direct (median of the rounds${roundsNote})`, p99Ratio(proxy1024, direct1024),
    '≤ 1.25×', verdict(ratio != null ? ratio <= 1.25 : null)]);
  rows.push(['first token p99 at 1,024 streams, plain relay ÷ direct (any process in the path, no work)', p99Ratio(relay1024, direct1024), '', '']);
  rows.push(['CPU ms per stream at 1,024 streams of 50 events: through the proxy; through the relay',
    [cpuRow(proxy1024, 'proxy'), cpuRow(relay1024, 'relay')].filter(Boolean).join('; ') || 'n/a', '', '']);
  const setup = (target) => lines.filter((l) => l.mode === 'stream' && l.label === `setup-c1024-${target}`);
  const sp = setup('proxy'), sd = setup('direct'), sr = setup('relay');
  if (sp.length) {
    rows.push(['set-up only (1 event per stream), first token p99 at 1,024: proxy ÷ direct; relay ÷ direct',
      `${p99Ratio(sp, sd)}; ${p99Ratio(sr, sd)}`, '', '']);
    rows.push(['CPU ms per request at 1,024, set-up only: through the proxy; through the relay',
      [cpuRow(sp, 'proxy'), cpuRow(sr, 'relay')].filter(Boolean).join('; ') || 'n/a', '', '']);
  }
}
const idle = memory('idle');
rows.push(['RSS idle (after start)', mib(idle?.rss_kb), '≤ 25 MB', verdict(idle ? idle.rss_kb * 1024 <= 25e6 : null)]);
rows.push(['RSS under load (peak VmRSS, 256 streams)', mib(burst?.peak_rss_kb), '', '']);
rows.push(['VmHWM after all load', mib(memory('after-load')?.hwm_kb), '', '']);
rows.push(['start-to-listening (median of 10)', startup?.median_ms != null ? `${startup.median_ms.toFixed(1)} ms` : 'n/a', '≤ 150 ms',
  verdict(startup?.median_ms != null ? startup.median_ms <= 150 : null)]);
rows.push(['count_tokens mean absolute error', tokens ? `${tokens.mape.toFixed(1)} % (bias ${tokens.bias >= 0 ? '+' : ''}${tokens.bias.toFixed(1)} %)` : 'n/a',
  '≤ 10 %', verdict(tokens ? tokens.mape <= 10 : null)]);
out.push('', '## Summary', '', '| measure | result | target | |', '|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`));

out.push('', '## Distributions', '', 'Times in ms (TTFB: connect to first body byte) and µs (event latency: fake_kiro write to client read).', '',
  '| run | requests ok/failed | TTFB p50 | p90 | p99 | max | event latency p50 | p99 | p99.9 | max | events/s |', '|---|---|---|---|---|---|---|---|---|---|---|');
for (const l of lines.filter((x) => x.mode === 'stream' && !x.label.startsWith('warmup'))) {
  const t = l.ttfb_us, e = l.event_latency_us;
  out.push(`| ${l.label} | ${l.ok}/${l.failed} | ${ms(t.p50)} | ${ms(t.p90)} | ${ms(t.p99)} | ${ms(t.max)} | ${micro(e.p50)} | ${micro(e.p99)} | ${micro(e.p999)} | ${micro(e.max)} | ${Math.round(l.events_per_s)} |`);
  for (const err of l.errors) out.push(`|  ↳ ${err.count} × ${err.error.replaceAll('|', '/')} | | | | | | | | | | |`);
}
if (startup) out.push('', `Start-to-listening runs (ms): ${startup.all_ms.map((x) => x.toFixed(1)).join(', ')}${startup.error ? ` — error: ${startup.error}` : ''}`);
if (tokens) {
  out.push('', '## count_tokens by category', '', '| category | samples | mean abs. error | bias |', '|---|---|---|---|');
  for (const [k, v] of Object.entries(tokens.byCategory)) out.push(`| ${k} | ${v.samples} | ${v.mape.toFixed(1)} % | ${v.bias >= 0 ? '+' : ''}${v.bias.toFixed(1)} % |`);
  out.push('', '| sample | tokenizer | KiroTray | error |', '|---|---|---|---|');
  for (const r of tokens.rows) out.push(`| ${r.file} | ${r.reference} | ${r.ours} | ${r.errorPct >= 0 ? '+' : ''}${r.errorPct.toFixed(1)} % |`);
}
console.log(out.join('\n'));
