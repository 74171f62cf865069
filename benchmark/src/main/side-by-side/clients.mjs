// One official TypeScript SDK client per target and era, kept connected for the whole run:
// "2025" opens a session with initialize (the SDK's default), "2026" pins the stateless revision
// 2026-07-28 (server/discover, no session).
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { API_KEY } from './targets.mjs';

const ERAS = {
  2025: {},
  2026: { versionNegotiation: { mode: { pin: '2026-07-28' } } },
};

/** A connected client, or the reason it could not connect (a target that does not speak the era). */
export async function connectClient(target, era) {
  if (!ERAS[era]) throw new Error(`unknown era ${era}; eras: ${Object.keys(ERAS).join(', ')}`);
  const client = new Client({ name: 'side-by-side', version: '1.0.0' }, ERAS[era]);
  const transport = new StreamableHTTPClientTransport(new URL(target.url), {
    requestInit: { headers: { Authorization: `Bearer ${API_KEY}` } },
  });
  try {
    await client.connect(transport);
    const { tools } = await client.listTools();
    if (!tools.some((tool) => tool.name === 'echo')) throw new Error(`no echo tool among ${tools.map((t) => t.name)}`);
  } catch (error) {
    await client.close().catch(() => {});
    return { unsupported: String(error.message ?? error).slice(0, 160) };
  }
  let sequence = 0;
  return {
    label: `${target.name} ${era}`,
    target,
    era,
    /** One echo call; rejects on a JSON-RPC error, a timeout, or a tool error result. */
    async call(timeoutMs) {
      const result = await client.callTool({ name: 'echo', arguments: { message: `call ${sequence++}` } }, { timeout: timeoutMs });
      if (result.isError) throw new Error(`tool error: ${JSON.stringify(result.content).slice(0, 120)}`);
    },
    close: () => client.close(),
  };
}
