// The three things measured, each its own process tree serving the same server-everything:
//   direct     server-everything itself over Streamable HTTP
//   mcp-proxy  mcp-proxy over HTTP, server-everything behind it over stdio
//   gateway    the gateway (./gateway up on a temporary data dir, embedded broker, allow-all
//              policy), server-everything behind it over stdio
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { treeOf } from './process-tree.mjs';
import { readGatewayMetrics } from './gateway-readings.mjs';

export const API_KEY = 'side-by-side-key';
const here = new URL('.', import.meta.url).pathname;
const node = join(here, 'node_modules/.bin/node');
const serverEverything = join(here, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const mcpProxy = join(here, 'node_modules/mcp-proxy/dist/bin/mcp-proxy.mjs');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

async function listening(port, what, child, seconds = 120) {
  for (let waited = 0; waited < seconds * 10; waited++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode} before listening`);
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); }).on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not listen on ${port} within ${seconds} s`);
}

function start(name, command, args, logs, env = {}) {
  mkdirSync(logs, { recursive: true });
  const log = createWriteStream(join(logs, `${name}.log`));
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return child;
}

/** Stops a target's whole tree: its children too, which a proxy killed first might leave behind. */
async function stop(child) {
  const tree = treeOf(child.pid);
  for (const pid of tree) {
    try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ }
  }
  await Promise.race([new Promise((resolve) => child.once('exit', resolve)), new Promise((resolve) => setTimeout(resolve, 15000))]);
  for (const pid of tree) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone, as it should be */ }
  }
}

async function direct(logs) {
  const port = await freePort();
  const child = start('direct', node, [serverEverything, 'streamableHttp'], logs, { PORT: String(port) });
  await listening(port, 'server-everything', child);
  return { name: 'direct', url: `http://127.0.0.1:${port}/mcp`, pid: child.pid, stop: () => stop(child) };
}

async function proxied(logs) {
  const port = await freePort();
  const child = start('mcp-proxy', node, [mcpProxy, '--port', String(port), '--host', '127.0.0.1', '--', node, serverEverything, 'stdio'], logs);
  await listening(port, 'mcp-proxy', child);
  return { name: 'mcp-proxy', url: `http://127.0.0.1:${port}/mcp`, pid: child.pid, stop: () => stop(child) };
}

async function gateway(logs, options) {
  const [port, kafkaPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'mcpgw-side-by-side-'));
  writeFileSync(join(dir, 'policy.yaml'), 'version: side-by-side\ndefault: allow\nrules: []\n');
  writeFileSync(join(dir, 'gateway.yaml'), [
    `listen: 127.0.0.1:${port}`,
    `kafka: {bootstrapServers: "", embedded: {dataDir: ${JSON.stringify(join(dir, 'kafka'))}, port: ${kafkaPort}}}`,
    `stateDir: ${JSON.stringify(join(dir, 'streams'))}`,
    `receiptArchive: ${JSON.stringify(join(dir, 'receipts'))}`,
    'policy: policy.yaml',
    `decisionTimeoutMs: 5000`,
    'agents:',
    `  - {id: side-by-side, apiKey: ${API_KEY}}`,
    'mcpServers:',
    `  everything: {command: ${JSON.stringify(node)}, args: [${JSON.stringify(serverEverything)}, stdio], toolPrefix: ""}`,
    '',
  ].join('\n'));
  const child = start('gateway', options.gateway, ['up', '--config', join(dir, 'gateway.yaml')], logs,
    options.gatewayJava ? { GATEWAY_JAVA: options.gatewayJava } : {});
  // Long enough for ./gateway to train its ahead-of-time cache first, as it does once per build on JDK 25.
  await listening(port, 'the gateway', child, 400);
  return {
    name: 'gateway', url: `http://127.0.0.1:${port}/mcp`, pid: child.pid, jvm: jvmOf(child.pid),
    metrics: () => readGatewayMetrics(port),
    stop: async () => { await stop(child); rmSync(dir, { recursive: true, force: true }); },
  };
}

/** The JDK a java process runs on and whether it started from an ahead-of-time cache, for the report. */
function jvmOf(pid) {
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  const home = dirname(dirname(realpathSync(`/proc/${pid}/exe`)));
  const releaseFile = join(home, 'release');
  const release = (existsSync(releaseFile) && readFileSync(releaseFile, 'utf8').match(/^JAVA_VERSION="([^"]*)"/m)?.[1]) || 'unknown';
  return `Java ${release} (${home})${args.some((a) => a.startsWith('-XX:AOTCache=')) ? ' with its ahead-of-time cache' : ''}`;
}

const STARTERS = { direct, 'mcp-proxy': proxied, gateway };

export async function startTargets(options) {
  const started = [];
  for (const name of options.targets) {
    if (!STARTERS[name]) throw new Error(`unknown target ${name}; targets: ${Object.keys(STARTERS).join(', ')}`);
    if (name === 'gateway' && !options.gateway) throw new Error('--gateway (the ./gateway command) is required for the gateway target');
    started.push(await STARTERS[name](options.logs, options));
  }
  return started;
}
