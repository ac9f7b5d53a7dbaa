// count_tokens accuracy: KiroTray's POST /v1/messages/count_tokens against @anthropic-ai/tokenizer on
// the corpus in bench/corpus/. Usage: node count_tokens.mjs --url http://127.0.0.1:PORT --api-key KEY [--json FILE]
import { countTokens } from '@anthropic-ai/tokenizer';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
if (!args.url || !args['api-key']) {
  console.error('usage: node count_tokens.mjs --url http://127.0.0.1:PORT --api-key KEY [--json FILE]');
  process.exit(2);
}

const corpusDir = join(dirname(fileURLToPath(import.meta.url)), 'corpus');
const files = readdirSync(corpusDir).filter((f) => !f.startsWith('.')).sort();

async function proxyCount(text) {
  const response = await fetch(`${args.url.replace(/\/$/, '')}/v1/messages/count_tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': args['api-key'], 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: text }] }),
  });
  const body = await response.json();
  if (response.status !== 200 || !Number.isInteger(body.input_tokens))
    throw new Error(`count_tokens answered ${response.status}: ${JSON.stringify(body)}`);
  return body.input_tokens;
}

const rows = [];
for (const file of files) {
  const text = readFileSync(join(corpusDir, file), 'utf8');
  const reference = countTokens(text);
  const ours = await proxyCount(text);
  const errorPct = (100 * (ours - reference)) / reference;
  rows.push({ file, category: file.split('-')[0], chars: [...text].length, reference, ours, errorPct });
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const byCategory = {};
for (const category of [...new Set(rows.map((r) => r.category))]) {
  const subset = rows.filter((r) => r.category === category);
  byCategory[category] = {
    samples: subset.length,
    mape: mean(subset.map((r) => Math.abs(r.errorPct))),
    bias: mean(subset.map((r) => r.errorPct)),
  };
}
const result = {
  mode: 'count_tokens',
  samples: rows.length,
  mape: mean(rows.map((r) => Math.abs(r.errorPct))),
  bias: mean(rows.map((r) => r.errorPct)),
  maxAbsErrorPct: Math.max(...rows.map((r) => Math.abs(r.errorPct))),
  totalReference: rows.reduce((a, r) => a + r.reference, 0),
  totalOurs: rows.reduce((a, r) => a + r.ours, 0),
  byCategory,
  rows,
};

for (const r of rows)
  console.log(`${r.file.padEnd(26)} ref ${String(r.reference).padStart(5)}  ours ${String(r.ours).padStart(5)}  ${r.errorPct >= 0 ? '+' : ''}${r.errorPct.toFixed(1)} %`);
console.log(`mean absolute error ${result.mape.toFixed(1)} % (bias ${result.bias >= 0 ? '+' : ''}${result.bias.toFixed(1)} %) over ${rows.length} samples`);
if (args.json) appendFileSync(args.json, JSON.stringify(result) + '\n');
