// Starts the fake Kiro upstream and kirotray --headless on free loopback ports with a temporary
// data directory, for tests that drive the proxy with real Anthropic clients.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const API_KEY = 'kt-node-test-key-0123456789abcdef';

function requireBinary(name) {
  const path = process.env[name];
  if (!path) throw new Error(`${name} must point at the built binary (ctest passes it; see tests/node/CMakeLists.txt)`);
  return path;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Spawns a program and resolves once a line of its stdout matches `ready`.
function startProcess(command, args, ready, label, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let output = '';
    const timer = setTimeout(() => fail(new Error(`${label} did not start within 15 s:\n${output}`)), 15000);
    function fail(error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    }
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => { output += d; });
    child.stdout.on('data', (d) => {
      output += d;
      const match = output.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match, log: () => output });
      }
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => fail(new Error(`${label} exited early (${code ?? signal}):\n${output}`)));
  });
}

function stopProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.removeAllListeners('exit');
    child.on('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}

// accounts: how many accounts the pool gets (each its own refresh token).
export async function startStack({ accounts = 1 } = {}) {
  const fake = await startProcess(requireBinary('FAKE_KIRO_BIN'), ['--port', '0'], /listening on (http:\/\/\S+)/, 'fake_kiro');
  const upstream = fake.match[1];
  const dataDir = mkdtempSync(join(tmpdir(), 'kirotray-node-'));
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify({
    apiBaseUrl: upstream, socialAuthBaseUrl: upstream, oidcBaseUrl: upstream, apiKey: API_KEY,
  }));
  const credentials = Array.from({ length: accounts }, (_, i) => ({
    refreshToken: `node-test-refresh-token-0123456789${i ? `-${i}` : ''}`, authMethod: 'social',
  }));
  writeFileSync(join(dataDir, 'credentials.json'), JSON.stringify(accounts === 1 ? credentials[0] : credentials), { mode: 0o600 });

  let proxy;
  for (let attempt = 0; !proxy; ++attempt) {
    const port = await freePort();
    try {
      const env = { ...process.env };
      for (const k of ['HOST', 'PORT', 'API_KEY', 'REGION', 'DATA_DIR', 'REFRESH_TOKEN', 'AUTH_METHOD', 'CLIENT_ID', 'CLIENT_SECRET',
        'KIRO_API_BASE_URL', 'KIRO_SOCIAL_AUTH_BASE_URL', 'KIRO_OIDC_BASE_URL']) delete env[k];
      proxy = await startProcess(requireBinary('KIROTRAY_BIN'), ['--headless', '--data-dir', dataDir, '--port', String(port)],
        /listening on (http:\/\/\S+)/, 'kirotray', env);
    } catch (error) {
      if (attempt >= 2) { await stopProcess(fake.child); throw error; } // port taken meanwhile: try another
    }
  }
  return {
    baseURL: proxy.match[1].replace(/\/$/, ''),
    upstream,
    dataDir,
    proxyLog: proxy.log,
    async stop() {
      await stopProcess(proxy.child);
      await stopProcess(fake.child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
