// Codex CLI (`codex exec`) through KiroTray as a custom model provider speaking the Responses API
// (wire_api = "responses"), against the fake Kiro upstream, offline: every proxy variable points at
// a closed port, so a request to any host but KiroTray fails, and update checks and analytics are off.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { API_KEY, startStack } from '../harness.mjs';

const require = createRequire(import.meta.url);
const CODEX = require.resolve('@openai/codex/bin/codex.js');

let stack;
let home;

before(async () => {
  stack = await startStack();
  home = mkdtempSync(join(tmpdir(), 'kirotray-codex-'));
  mkdirSync(join(home, 'work'));
  // What README.md tells users to put in ~/.codex/config.toml.
  writeFileSync(join(home, 'config.toml'), `model = "claude-sonnet-4-6"
model_provider = "kirotray"
check_for_update_on_startup = false

[analytics]
enabled = false

[model_providers.kirotray]
name = "KiroTray"
base_url = "${stack.baseURL}/v1"
env_key = "KIROTRAY_API_KEY"
wire_api = "responses"
`);
});

after(async () => {
  await stack?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

function codexExec(prompt) {
  const closed = 'http://127.0.0.1:9';
  const env = { ...process.env, CODEX_HOME: home, KIROTRAY_API_KEY: API_KEY, HTTP_PROXY: closed, HTTPS_PROXY: closed,
    ALL_PROXY: closed, http_proxy: closed, https_proxy: closed, all_proxy: closed, NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost' };
  delete env.OPENAI_API_KEY;
  delete env.OPENAI_BASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CODEX, 'exec', '--skip-git-repo-check', '--sandbox', 'read-only',
      '-C', join(home, 'work'), prompt], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 100000);
    child.on('error', reject);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

async function responsesLog() {
  const reply = await fetch(`${stack.baseURL}/api/logs?limit=100`, { headers: { authorization: `Bearer ${API_KEY}` } });
  const { logs } = await reply.json();
  return logs.filter((row) => row.path === '/v1/responses');
}

test('codex exec answers through KiroTray', async () => {
  const before = (await responsesLog()).length;
  const run = await codexExec('Say hello');
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Hello, world!/);
  const rows = await responsesLog();
  assert.equal(rows.length, before + 1);
  assert.equal(rows[0].face, 'openai-responses');
  assert.equal(rows[0].status, 200);
  assert.equal(rows[0].stream, true);
});

test('codex exec: a function call and its output go round', async () => {
  // The fake calls Codex's first tool with arguments it rejects; Codex sends the error back as a
  // function_call_output and the fake answers that turn with text.
  const before = (await responsesLog()).length;
  const run = await codexExec('What is the weather? [[scenario:tool]]');
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr + run.stdout, /Let me check\./);
  assert.match(run.stdout, /Hello, world!/);
  const rows = await responsesLog();
  assert.equal(rows.length, before + 2, JSON.stringify(rows));
  assert.ok(rows.slice(0, 2).every((row) => row.status === 200));
});
