// An MCP client on the official TypeScript SDK v2, for the gateway's tests: one connection, one
// command, its answer as a JSON line on stdout. ERA "2026" pins the stateless revision 2026-07-28
// (server/discover, no session); "legacy" uses the SDK's default, the initialize handshake.
// It declares elicitation and answers every elicitation with the name "Ada", or, with
// MCP_ELICITATION_ERROR set, with a JSON-RPC error whose message is that text (a user declining
// in words of their own).
// Usage: node client.mjs URL API_KEY ERA list
//        node client.mjs URL API_KEY ERA call TOOL ARGUMENTS_JSON [CANCEL_AFTER_MS]
//        node client.mjs URL API_KEY legacy task TOOL ARGUMENTS_JSON
//          (calls TOOL as a 2025-11-25 task, polls tasks/get until it ends, then asks tasks/result:
//          the result is {created, ended, payload}, each validated by the SDK's schemas; it waits up to
//          5 s more for the status notification of the task's end, on the session's standalone stream)
// The answer: {protocolVersion, result | error, progress: [values], elicitations: count,
//              elicitationMessages: [the message of each, as the client's user would read it],
//              taskStatuses: [params of each notifications/tasks/status, as the SDK validated them]}.
// With MCP_OAUTH_CLIENT set to {"clientId", "clientSecret", "issuer"} (JSON), API_KEY is ignored:
// the SDK's OAuth support gets an access token by the client credentials grant from the
// authorization server the gateway's protected resource metadata names, and sends it.
import { Client, ClientCredentialsProvider, StreamableHTTPClientTransport, specTypeSchemas } from '@modelcontextprotocol/client';

const [url, apiKey, era, command, tool, args, cancelAfterMs] = process.argv.slice(2);
const options = {
  capabilities: { elicitation: { form: {} } },
  ...(era === '2026' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {}),
};
const client = new Client({ name: 'node-client', version: '1.0.0' }, options);
const oauth = process.env.MCP_OAUTH_CLIENT ? JSON.parse(process.env.MCP_OAUTH_CLIENT) : undefined;
const transport = new StreamableHTTPClientTransport(new URL(url), oauth
  ? {
    authProvider: new ClientCredentialsProvider({
      clientId: oauth.clientId, clientSecret: oauth.clientSecret, expectedIssuer: oauth.issuer,
    }),
  }
  : { requestInit: { headers: { Authorization: `Bearer ${apiKey}` } } });

const progress = [];
const taskStatuses = [];
let elicitations = 0;
const elicitationMessages = [];
client.setNotificationHandler('notifications/tasks/status', (notification) => {
  taskStatuses.push(notification.params);
});
client.setRequestHandler('elicitation/create', async (request) => {
  elicitations++;
  elicitationMessages.push(request.params.message);
  if (process.env.MCP_ELICITATION_ERROR) {
    throw new Error(process.env.MCP_ELICITATION_ERROR);
  }
  return { action: 'accept', content: { name: 'Ada' } };
});

function call() {
  const abort = new AbortController();
  if (cancelAfterMs !== undefined) {
    setTimeout(() => abort.abort('cancelled by the test client'), Number(cancelAfterMs));
  }
  return client.callTool({ name: tool, arguments: JSON.parse(args ?? '{}') }, {
    signal: abort.signal,
    onprogress: (p) => progress.push(p.progress),
  });
}

async function task() {
  const created = await client.request({
    method: 'tools/call', params: { name: tool, arguments: JSON.parse(args ?? '{}'), task: { ttl: 60000 } },
  }, specTypeSchemas.CreateTaskResult);
  const { taskId } = created.task;
  let ended = created.task;
  while (!['completed', 'failed', 'cancelled'].includes(ended.status)) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(ended.pollInterval ?? 1000, 500)));
    ended = await client.request({ method: 'tasks/get', params: { taskId } }, specTypeSchemas.GetTaskResult);
  }
  const payload = await client.request({ method: 'tasks/result', params: { taskId } }, specTypeSchemas.GetTaskPayloadResult);
  for (let waited = 0; waited < 5000 && !taskStatuses.some((s) => s.taskId === taskId && s.status === ended.status); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { created, ended, payload };
}

const commands = { list: () => client.listTools(), call, task };
const answer = { progress, elicitations: 0 };
try {
  await client.connect(transport);
  answer.result = await commands[command]();
} catch (error) {
  answer.error = { code: error.code, message: String(error.message ?? error) };
  // A 2025-era cancellation is a message the SDK sends without waiting: let it leave before closing.
  await new Promise((resolve) => setTimeout(resolve, 500));
} finally {
  answer.protocolVersion = client.getNegotiatedProtocolVersion();
  answer.elicitations = elicitations;
  answer.elicitationMessages = elicitationMessages;
  answer.taskStatuses = taskStatuses;
  console.log(JSON.stringify(answer));
  await client.close();
}
