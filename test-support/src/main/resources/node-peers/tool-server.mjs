// A tool server on the official MCP TypeScript SDK v2, which speaks 2026-07-28 and negotiates
// down to the 2025 revisions. Unlike the Java SDK's server, it honours notifications/cancelled,
// so the gateway's tests can see a cancellation arrive. Every tool call, and how it ended,
// is appended to the file named by PEER_CALL_LOG, a line each.
import { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { appendFileSync } from 'node:fs';
import * as z from 'zod';

const record = (line) => {
  if (process.env.PEER_CALL_LOG) {
    appendFileSync(process.env.PEER_CALL_LOG, line + '\n');
  }
};

const server = new McpServer({ name: 'node-tool-server', version: '1.0.0' });

server.registerTool('echo', {
  description: 'Returns its text',
  inputSchema: z.object({ text: z.string() }),
}, async ({ text }) => {
  record('echo\tcalled');
  return { content: [{ type: 'text', text }] };
});

server.registerTool('wait_for_cancel', {
  description: 'Waits until the call is cancelled, for at most the given seconds',
  inputSchema: z.object({ seconds: z.number().default(20) }),
}, async ({ seconds }, ctx) => {
  record('wait_for_cancel\tcalled');
  const signal = ctx.mcpReq.signal;
  await new Promise((resolve) => {
    signal.addEventListener('abort', resolve, { once: true });
    setTimeout(resolve, seconds * 1000);
  });
  record(signal.aborted ? 'wait_for_cancel\tcancelled' : 'wait_for_cancel\tfinished');
  return { content: [{ type: 'text', text: signal.aborted ? 'cancelled' : 'finished' }] };
});

await server.connect(new StdioServerTransport());
