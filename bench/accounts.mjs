// The account pool at 10 and at 10,000 accounts (kt_poolbench, mode "accounts"): one Markdown table,
// the two sizes side by side with their ratio (the target: within noise, apart from memory per account).
// Usage: node accounts.mjs results.jsonl
import { readFileSync } from 'node:fs';

const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
  .filter((l) => l.mode === 'accounts');
const sizes = [...new Set(lines.map((l) => l.accounts))].sort((a, b) => a - b);
const find = (stage, label, n) => lines.find((l) => l.stage === stage && l.label === label && l.accounts === n);
const rows = [];
const seen = new Set();
for (const l of lines) {
  const key = `${l.stage}/${l.label}`;
  if (seen.has(key)) continue;
  seen.add(key);
  rows.push([l.stage, l.label]);
}
const metric = (l) => {
  if (!l) return null;
  if (l.stage === 'memory') return { value: l.bytes_per_account, unit: 'B/account' };
  if (l.ms != null) return { value: l.ms, unit: 'ms' };
  return { value: l.us, unit: 'µs' };
};
const digits = (v) => (v >= 100 ? 0 : v >= 1 ? 1 : 2);   // sub-µs selections keep two decimals
const fmt = (m) => (m == null ? 'n/a' : `${m.value.toFixed(digits(m.value))} ${m.unit}`);
const out = [];
out.push(`| stage | what | ${sizes.map((n) => `${n.toLocaleString('en')} accounts`).join(' | ')} | ratio |`);
out.push(`|---|---|${sizes.map(() => '---:').join('|')}|---:|`);
for (const [stage, label] of rows) {
  const ms = sizes.map((n) => metric(find(stage, label, n)));
  const first = ms[0]?.value;
  const last = ms[ms.length - 1]?.value;
  const ratio = stage === 'memory' || !first || last == null ? '' : `${(last / first).toFixed(2)}×`;
  const where = sizes.map((n) => find(stage, label, n)).find((l) => l?.storage_accounts);
  const note = where ? ` (${where.storage_accounts.toLocaleString('en')} stored)` : '';
  out.push(`| ${stage} | ${label}${note} | ${ms.map(fmt).join(' | ')} | ${ratio} |`);
}
const rss = sizes.map((n) => find('startup', 'startup-loaded', n)?.rss_kb);
if (rss.every((x) => x != null)) out.push('', `RSS after loading the stored pool: ${rss.map((kb, i) => `${(kb / 1024).toFixed(1)} MiB at ${sizes[i]}`).join(', ')}.`);
console.log(out.join('\n'));
