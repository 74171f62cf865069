// The kinds of tools, prompts and resources the MCP conformance suites exercise (0.1.16 for the
// session era, 0.2.0-alpha.12 for 2026-07-28), written for the tool server so that the suites can
// run against it alone and through the gateway, in both eras. Every handler that needs the client
// returns an input-required result: a 2026-07-28 client answers it and retries, and the SDK turns
// it into elicitation or sampling requests on the call for a 2025 client.
import { inputRequired, inputResponse } from '@modelcontextprotocol/server';
import * as z from 'zod';

export const WATCHED = 'test://watched-resource';

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const text = (value) => ({ content: [{ type: 'text', text: value }] });

// Elicitation schemas as the suites ask for them, in the restricted wire shape.
const CONTACT = {
  type: 'object',
  properties: {
    username: { type: 'string', description: "User's response" },
    email: { type: 'string', description: "User's email address" },
  },
  required: ['username', 'email'],
};
const DEFAULTS = {
  type: 'object',
  properties: {
    name: { type: 'string', default: 'John Doe' },
    age: { type: 'integer', default: 30 },
    score: { type: 'number', default: 95.5 },
    status: { type: 'string', enum: ['active', 'inactive', 'pending'], default: 'active' },
    verified: { type: 'boolean', default: true },
  },
};
const ENUMS = {
  type: 'object',
  properties: {
    untitledSingle: { type: 'string', enum: ['option1', 'option2', 'option3'] },
    titledSingle: { type: 'string', oneOf: [{ const: 'value1', title: 'First' }, { const: 'value2', title: 'Second' }] },
    legacyEnum: { type: 'string', enum: ['opt1', 'opt2'], enumNames: ['Option One', 'Option Two'] },
    untitledMulti: { type: 'array', items: { type: 'string', enum: ['option1', 'option2', 'option3'] } },
    titledMulti: { type: 'array', items: { anyOf: [{ const: 'value1', title: 'First' }, { const: 'value2', title: 'Second' }] } },
  },
};

// A tool that asks the user once with the given schema, then reports the answer.
function elicitingTool(server, name, message, schema) {
  server.registerTool(name, { description: `Asks the user: ${message}`, inputSchema: z.object({}) }, async (_args, ctx) => {
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'answer');
    if (answer.kind !== 'elicit') {
      return inputRequired({ inputRequests: { answer: inputRequired.elicit({ message, requestedSchema: schema }) } });
    }
    return text(`Elicitation completed: action=${answer.action}, content=${JSON.stringify(answer.content ?? {})}`);
  });
}

// Registers the suites' tools, prompts and resources on one server instance. changes.tools and
// changes.prompts tell whoever listens that a list changed.
export function registerConformance(server, changes) {
  server.registerTool('test_simple_text', { description: 'Returns simple text', inputSchema: z.object({}) },
    async () => text('This is a simple text response for testing.'));

  server.registerTool('test_error_handling', { description: 'Always fails', inputSchema: z.object({}) }, async () => {
    throw new Error('This tool intentionally returns an error for testing');
  });

  // Three log messages with pauses between them: the client hears them during the call, at the
  // level it asked for (none, in 2026-07-28, when it named no logLevel).
  const logThrice = async (_args, ctx) => {
    await ctx.mcpReq.log('info', 'Tool execution started');
    await pause(50);
    await ctx.mcpReq.log('info', 'Tool processing data');
    await pause(50);
    await ctx.mcpReq.log('info', 'Tool execution completed');
    return text('Tool with logging executed successfully');
  };
  server.registerTool('test_tool_with_logging', { description: 'Logs while it runs', inputSchema: z.object({}) }, logThrice);
  server.registerTool('test_logging_tool', { description: 'Logs while it runs', inputSchema: z.object({}) }, logThrice);

  server.registerTool('test_sampling', {
    description: 'Asks the client for an LLM completion of the prompt',
    inputSchema: z.object({ prompt: z.string() }),
  }, async ({ prompt }, ctx) => {
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'sample');
    if (answer.kind !== 'sampling') {
      return inputRequired({ inputRequests: { sample: inputRequired.createMessage({
        messages: [{ role: 'user', content: { type: 'text', text: prompt } }], maxTokens: 100 }) } });
    }
    return text(`LLM response: ${answer.result.content?.text ?? JSON.stringify(answer.result.content)}`);
  });

  server.registerTool('test_elicitation', {
    description: 'Asks the user for their details',
    inputSchema: z.object({ message: z.string() }),
  }, async ({ message }, ctx) => {
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'answer');
    if (answer.kind !== 'elicit') {
      return inputRequired({ inputRequests: { answer: inputRequired.elicit({ message, requestedSchema: CONTACT }) } });
    }
    return text(`User response: action=${answer.action}, content=${JSON.stringify(answer.content ?? {})}`);
  });
  elicitingTool(server, 'test_elicitation_sep1034_defaults', 'Please review and update the form fields with defaults', DEFAULTS);
  elicitingTool(server, 'test_elicitation_sep1330_enums', 'Please select options from the enum fields', ENUMS);
  // The 2026-07-28 suite's tool whose call asks for input: the answer comes on the call's own stream.
  elicitingTool(server, 'test_streaming_elicitation', 'Please confirm', { type: 'object', properties: { ok: { type: 'boolean' } } });

  // Needs sampling: a client that did not declare it gets MissingRequiredClientCapability.
  server.registerTool('test_missing_capability', { description: 'Needs the sampling capability', inputSchema: z.object({}) },
    async (_args, ctx) => {
      if (inputResponse(ctx.mcpReq.inputResponses, 'sample').kind !== 'sampling') {
        return inputRequired({ inputRequests: { sample: inputRequired.createMessage({
          messages: [{ role: 'user', content: { type: 'text', text: 'ping' } }], maxTokens: 10 }) } });
      }
      return text('sampled');
    });

  // Change the tool list and the prompt list, telling whoever listens.
  server.registerTool('test_trigger_tool_change', { description: 'Changes the tool list', inputSchema: z.object({}) }, async () => {
    changes.tools();
    return text('tool list changed');
  });
  server.registerTool('test_trigger_prompt_change', { description: 'Changes the prompt list', inputSchema: z.object({}) }, async () => {
    changes.prompts();
    return text('prompt list changed');
  });

  server.registerPrompt('test_simple_prompt', { description: 'A simple prompt without arguments' },
    async () => ({ messages: [{ role: 'user', content: { type: 'text', text: 'This is a simple prompt for testing.' } }] }));

  server.registerResource('static-text', 'test://static-text', { description: 'A static text resource', mimeType: 'text/plain' },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'This is the content of the static text resource.' }] }));
  server.registerResource('watched-resource', WATCHED, { description: 'A resource whose updates can be subscribed to', mimeType: 'text/plain' },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'Watched resource content' }] }));
}
