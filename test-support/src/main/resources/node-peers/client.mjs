// An MCP client on the official TypeScript SDK v2, for the gateway's tests: one connection, one
// command, its answer as a JSON line on stdout. ERA "2026" pins the stateless revision 2026-07-28
// (server/discover, no session); "legacy" uses the SDK's default, the initialize handshake.
// Usage: node client.mjs URL API_KEY ERA list
//        node client.mjs URL API_KEY ERA call TOOL ARGUMENTS_JSON
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const [url, apiKey, era, command, ...rest] = process.argv.slice(2);
const options = era === '2026' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {};
const client = new Client({ name: 'node-client', version: '1.0.0' }, options);
const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${apiKey}` } },
});

const commands = {
  list: () => client.listTools(),
  call: () => client.callTool({ name: rest[0], arguments: JSON.parse(rest[1] ?? '{}') }),
};

try {
  await client.connect(transport);
  const result = await commands[command]();
  console.log(JSON.stringify({ protocolVersion: client.getNegotiatedProtocolVersion(), result }));
} catch (error) {
  console.log(JSON.stringify({ protocolVersion: client.getNegotiatedProtocolVersion(), error: { code: error.code, message: error.message } }));
} finally {
  await client.close();
}
