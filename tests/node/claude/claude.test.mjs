// Claude Code (`claude -p`, the npm package's native binary) pointed at kirotray --headless in front
// of the fake Kiro upstream: the answer, the JSON result and a tool_use / tool_result round trip.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { API_KEY, startStack } from '../harness.mjs';

const CLAUDE = fileURLToPath(new URL('./node_modules/.bin/claude', import.meta.url));
const TIMEOUT_MS = 60000;

let stack;
let home;

before(async () => {
  stack = await startStack();
  home = mkdtempSync(join(tmpdir(), 'kirotray-claude-home-'));
});

after(async () => {
  await stack?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

// Runs claude with a private HOME and only the environment it needs, so no user setting leaks in.
function claude(args) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(CLAUDE, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: home,
        TMPDIR: process.env.TMPDIR ?? tmpdir(),
        ANTHROPIC_BASE_URL: stack.baseURL,
        ANTHROPIC_API_KEY: API_KEY,
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        DISABLE_AUTOUPDATER: '1',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

function explain(run) {
  return `exit ${run.code ?? run.signal} after ${run.ms} ms\nstdout: ${run.stdout}\nstderr: ${run.stderr}\nproxy log:\n${stack.proxyLog()}`;
}

test('claude -p prints the answer', async () => {
  const run = await claude(['-p', 'say hi']);
  assert.equal(run.code, 0, explain(run));
  assert.equal(run.stdout.trim(), 'Hello, world!', explain(run));
});

test('claude -p --output-format json reports a successful turn with usage', async () => {
  const run = await claude(['-p', 'say hi', '--output-format', 'json']);
  assert.equal(run.code, 0, explain(run));
  const result = JSON.parse(run.stdout);
  assert.equal(result.type, 'result');
  assert.equal(result.subtype, 'success', explain(run));
  assert.equal(result.is_error, false);
  assert.equal(result.result, 'Hello, world!');
  assert.equal(result.num_turns, 1);
  assert.equal(result.stop_reason, 'end_turn');
  assert.ok(result.usage.input_tokens > 0, 'input tokens must be reported');
  assert.ok(result.usage.output_tokens > 0);
});

test('a tool_use turn is answered with a tool_result and a second turn', async () => {
  // The fake calls Claude Code's first tool with an input it rejects; Claude Code sends the error
  // back as a tool_result, and the fake's default answer ends the second turn.
  const run = await claude(['-p', '[[scenario:tool]] What is the weather in Oslo?', '--output-format', 'json']);
  assert.equal(run.code, 0, explain(run));
  const result = JSON.parse(run.stdout);
  assert.equal(result.is_error, false, explain(run));
  assert.equal(result.num_turns, 2, explain(run));
  assert.equal(result.result, 'Hello, world!');
});
