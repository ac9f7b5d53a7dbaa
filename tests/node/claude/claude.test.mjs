// Claude Code (`claude -p`, the npm package's native binary) pointed at kirotray --headless in front
// of the fake Kiro upstream: the answer, the JSON result, a tool_use / tool_result round trip and a
// scripted multi-turn session (tool search, Bash, Read, Edit). One file for every pinned version:
// ctest runs it from the version's folder (claude/ = 2.1.197, claude-2.1.328/), whose
// node_modules provides the binary.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { API_KEY, startStack } from '../harness.mjs';

const CLAUDE = join(process.cwd(), 'node_modules', '.bin', 'claude');
const VERSION = JSON.parse(readFileSync(join(process.cwd(), 'node_modules', '@anthropic-ai', 'claude-code', 'package.json'), 'utf8')).version;
// From here on Claude Code defers most tools and loads them with ToolSearch (docs/protocol.md#what-claude-code-21328-sends).
const DEFERS_TOOLS = VERSION.localeCompare('2.1.328', undefined, { numeric: true }) >= 0;
const TIMEOUT_MS = 60000;
const SESSION_TIMEOUT_MS = 180000;

let stack;
let home;

before(async () => {
  // Two accounts under the default round-robin strategy: a session must still stay on one of them.
  stack = await startStack({ accounts: 2 });
  home = mkdtempSync(join(tmpdir(), 'kirotray-claude-home-'));
});

after(async () => {
  await stack?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

// Runs claude with a private HOME and only the environment it needs, so no user setting leaks in.
function claude(args, { cwd, timeoutMs = TIMEOUT_MS } = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(CLAUDE, args, {
      cwd,
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
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
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

// The proxy's request log (GET /api/logs), oldest first.
async function requestLog() {
  const response = await fetch(`${stack.baseURL}/api/logs?limit=1000`, { headers: { 'x-api-key': API_KEY } });
  assert.equal(response.status, 200);
  return (await response.json()).logs.reverse();
}

test('a scripted session: ToolSearch loads a deferred tool, then Bash, Read and Edit change a file', async (t) => {
  // The fake's "edit" session (tests/fake_kiro/fakesessionscript.h) answers each request with the
  // next tool call, checking on the way that the loaded tool is offered and its tool_reference
  // arrived as text; it calls ToolSearch only when Claude Code offers it.
  const work = mkdtempSync(join(tmpdir(), 'kirotray-claude-work-'));
  try {
    const file = join(work, 'notes.txt');
    const before = (await requestLog()).length;
    const run = await claude(['-p', `[[session:edit]] [[file:${file}]] Write, read and edit the file.`,
      '--output-format', 'json', '--allowedTools', 'Bash,Read,Edit,Write,ToolSearch'],
    { cwd: work, timeoutMs: SESSION_TIMEOUT_MS });
    const requests = (await requestLog()).slice(before);
    const summary = requests.map((r) => `${r.status} ${r.model}${r.stream ? ' stream' : ''}`);
    t.diagnostic(`Claude Code ${VERSION}: ${requests.length} requests: ${summary.join(', ')}`);
    assert.equal(run.code, 0, explain(run));
    const result = JSON.parse(run.stdout);
    assert.equal(result.is_error, false, explain(run));
    const steps = DEFERS_TOOLS ? 'ToolSearch, Bash, Read, Edit' : 'Bash, Read, Edit';
    assert.equal(result.result, `The file is edited. (${steps})`, explain(run));
    assert.equal(readFileSync(file, 'utf8'), 'hello from kiro\n');
    assert.deepEqual(requests.filter((r) => r.status >= 400), [], 'no request may be refused');
    assert.ok(requests.length >= steps.split(', ').length + 1, summary.join(', '));
    // Conversation affinity: every request of the session went to one account, under its session id.
    const accounts = new Set(requests.map((r) => r.accountId));
    const conversations = new Set(requests.map((r) => r.conversation));
    t.diagnostic(`accounts used: ${[...accounts].join(', ')}; conversations: ${[...conversations].join(', ')}`);
    assert.equal(accounts.size, 1, summary.join(', '));
    assert.equal(conversations.size, 1, [...conversations].join(', '));
    assert.ok([...conversations][0], 'the session has a conversation key');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('WebSearch runs through the web search server tool and answers with the fake\'s sources', async (t) => {
  // Claude Code's WebSearch sends a sub-request whose only tool is web_search_20250305; KiroTray runs
  // it on the fake's MCP endpoint. The fake's "search" session (tests/fake_kiro/fakesessionscript.h)
  // loads WebSearch with ToolSearch when it is deferred and answers with the URLs it got back; with
  // [[cite]] the sub-request's answer quotes them, so Claude Code reads citations_delta events too.
  const before = (await requestLog()).length;
  const run = await claude(['-p', '[[session:search]] [[cite]] kiro tray news', '--output-format', 'json',
    '--allowedTools', 'WebSearch,ToolSearch'], { timeoutMs: SESSION_TIMEOUT_MS });
  const requests = (await requestLog()).slice(before);
  t.diagnostic(`Claude Code ${VERSION}: ${requests.length} requests: `
    + requests.map((r) => `${r.status} ${r.model} searches=${r.webSearches}`).join(', '));
  assert.equal(run.code, 0, explain(run));
  const result = JSON.parse(run.stdout);
  assert.equal(result.is_error, false, explain(run));
  assert.match(result.result, /^Sources: .*https:\/\/example\.com\/one/, explain(run));
  assert.ok(result.result.includes('https://docs.example.org/two'), explain(run));
  assert.equal(requests.filter((r) => r.webSearches > 0).length, 1, 'one request ran the search');
  assert.deepEqual(requests.filter((r) => r.status >= 400), [], 'no request may be refused');
});
