// Plain HTTP clients against kirotray --headless: curl --http1.0, curl with a 2 MB body
// (which sends Expect: 100-continue and waits up to 1 s for "100 Continue"), Python's http.client
// and Node's fetch. Each checks the status, the body, and that no answer waits for a timeout.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { API_KEY, startStack } from './harness.mjs';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const request = (text, stream) => JSON.stringify({
  model: 'claude-sonnet-4-5', max_tokens: 64, stream, messages: [{ role: 'user', content: text }],
});

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

// curl -w reports: status, total time, bytes received; -v shows the interim 100 Continue.
async function curl(args) {
  const { stdout, stderr } = await run('curl', ['-sS', '-v', '-o', '-', '-w', '\n%{http_code} %{time_total}', ...args],
    { maxBuffer: 64 * 1024 * 1024 });
  const cut = stdout.lastIndexOf('\n');
  const [status, seconds] = stdout.slice(cut + 1).split(' ');
  return { status: Number(status), ms: Number(seconds) * 1000, body: stdout.slice(0, cut), trace: stderr };
}

describe('curl', () => {
  test('--http1.0: the answer, then the close, with no wait', async () => {
    const r = await curl(['--http1.0', '-H', `x-api-key: ${API_KEY}`, `${stack.baseURL}/v1/models`]);
    assert.equal(r.status, 200);
    assert.ok(Array.isArray(JSON.parse(r.body).data));
    assert.match(r.trace, /< Connection: close/i);
    assert.ok(r.ms < 1000, `${r.ms} ms`);
    console.log(`curl --http1.0 GET /v1/models: ${r.ms.toFixed(1)} ms`);
  });

  test('--http1.0 stream: close-delimited, never chunked', async () => {
    const r = await curl(['--http1.0', '-H', `x-api-key: ${API_KEY}`, '-H', 'content-type: application/json',
      '--data-binary', request('Hi', true), `${stack.baseURL}/v1/messages`]);
    assert.equal(r.status, 200);
    assert.doesNotMatch(r.trace, /Transfer-Encoding: chunked/i);
    assert.match(r.body, /event: message_stop/);
    assert.ok(r.ms < 5000, `${r.ms} ms`);
    console.log(`curl --http1.0 streamed POST: ${r.ms.toFixed(1)} ms`);
  });

  test('a 2 MB body: 100 Continue at once, no 1 s expect timeout', async () => {
    const file = join(stack.dataDir, 'big.json');
    writeFileSync(file, request('a'.repeat(2 * 1024 * 1024), false));
    const r = await curl(['-H', `x-api-key: ${API_KEY}`, '-H', 'content-type: application/json',
      '--data-binary', `@${file}`, `${stack.baseURL}/v1/messages/count_tokens`]);
    assert.equal(r.status, 200);
    assert.ok(JSON.parse(r.body).input_tokens > 100000);
    assert.match(r.trace, /> Expect: 100-continue/i);
    assert.match(r.trace, /< HTTP\/1.1 100 Continue/);
    assert.doesNotMatch(r.trace, /Done waiting for 100-continue/);
    console.log(`curl 2 MB POST /v1/messages/count_tokens: ${r.ms.toFixed(1)} ms`);
  });

  test('a refused key with a 2 MB body: 401 before the body is sent', async () => {
    const file = join(stack.dataDir, 'big.json');
    const r = await curl(['-H', 'x-api-key: wrong', '-H', 'content-type: application/json',
      '--data-binary', `@${file}`, `${stack.baseURL}/v1/messages`]);
    assert.equal(r.status, 401);
    assert.equal(JSON.parse(r.body).error.type, 'authentication_error');
    assert.doesNotMatch(r.trace, /100 Continue/);
    assert.ok(r.ms < 1000, `${r.ms} ms`);
  });
});

test('python http.client: keep-alive, Connection: close, HTTP/1.0', async () => {
  const url = new URL(stack.baseURL);
  let stdout;
  try {
    ({ stdout } = await run('python3', [join(here, 'pyclient.py'), url.hostname, url.port, API_KEY], { timeout: 60000 }));
  } catch (error) {
    if (error.code === 'ENOENT') return; // no python3 on this machine
    throw error;
  }
  const r = JSON.parse(stdout);
  assert.deepEqual(r.keepAlive, { status: [200, 200], reused: true });
  assert.equal(r.close.status, 200);
  assert.ok(r.close.willClose && r.close.messageStop);
  assert.equal(r.http10Models.status, 200);
  assert.ok(r.http10Models.models);
  assert.ok(r.http10Models.ms < 1000, `${r.http10Models.ms} ms`);
  assert.equal(r.http10Stream.status, 200);
  assert.equal(r.http10Stream.chunked, false);
  assert.ok(r.http10Stream.messageStop);
  assert.ok(r.http10Stream.ms < 5000, `${r.http10Stream.ms} ms`);
  console.log(`python http.client: ${stdout.trim()}`);
});

test('node fetch: JSON, a stream, and a 2 MB body', async () => {
  const headers = { 'x-api-key': API_KEY, 'content-type': 'application/json' };
  let start = performance.now();
  const models = await fetch(`${stack.baseURL}/v1/models`, { headers });
  assert.equal(models.status, 200);
  assert.ok(Array.isArray((await models.json()).data));
  const stream = await fetch(`${stack.baseURL}/v1/messages`, { method: 'POST', headers, body: request('Hi', true) });
  assert.equal(stream.status, 200);
  assert.match(await stream.text(), /event: message_stop/);
  const closing = await fetch(`${stack.baseURL}/v1/models`, { headers: { ...headers, connection: 'close' } });
  assert.equal(closing.status, 200);
  await closing.json();
  console.log(`node fetch: 3 requests in ${(performance.now() - start).toFixed(1)} ms`);
  start = performance.now();
  const big = await fetch(`${stack.baseURL}/v1/messages/count_tokens`,
    { method: 'POST', headers, body: request('a'.repeat(2 * 1024 * 1024), false) });
  assert.equal(big.status, 200);
  assert.ok((await big.json()).input_tokens > 100000);
  console.log(`node fetch 2 MB POST /v1/messages/count_tokens: ${(performance.now() - start).toFixed(1)} ms`);
});
