/** The tool registry served over MCP, exercised by the official MCP client over an in-memory transport. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveToolsOverMcp } from '../../src/tools/adapters/mcp.ts';
import { createHarness, type Harness } from '../support/harness.ts';

let harness: Harness;
let client: Client;

beforeAll(async () => {
  harness = await createHarness({ demo: true });
  const server = new Server({ name: 'kiungo', version: '0.1.0' }, { capabilities: { tools: {} } });
  serveToolsOverMcp(server, harness.deps, await harness.context('demo', 'owner', 'mcp'), harness.registry);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: 'test', version: '1.0.0' });
  await client.connect(clientSide);
});
afterAll(async () => {
  await client.close();
  await harness.close();
});

describe('MCP adapter', () => {
  it('lists the same tools, with JSON Schemas and annotations', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['who_owes_me', 'record_payment', 'confirm_action']));
    const whoOwesMe = tools.find((tool) => tool.name === 'who_owes_me');
    expect(whoOwesMe?.inputSchema.type).toBe('object');
    expect(Object.keys(whoOwesMe?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['only_overdue', 'limit', 'cursor']),
    );
    expect(whoOwesMe?.annotations?.readOnlyHint).toBe(true);
  });

  it('calls a read tool and returns text plus structured content', async () => {
    const result = await client.callTool({ name: 'who_owes_me', arguments: { limit: 3 } });
    expect(result.isError).toBeFalsy();
    expect((result.content as { text: string }[])[0]?.text).toMatch(/owed by \d+ customers/);
    expect((result.structuredContent as { customers: unknown[] }).customers).toHaveLength(3);
  });

  it('turns a write into a pending action that only confirm_action carries out', async () => {
    const pending = await client.callTool({
      name: 'record_payment',
      arguments: { customer: 'Hassan Omari', amount: '5k', method: 'cash' },
    });
    const structured = pending.structuredContent as {
      status: string;
      action: { id: string };
      confirm_token: string;
    };
    expect(structured.status).toBe('pending_confirmation');
    const done = await client.callTool({
      name: 'confirm_action',
      arguments: { action_id: structured.action.id, confirm_token: structured.confirm_token },
    });
    expect((done.content as { text: string }[])[0]?.text).toMatch(/^Recorded TSh 5,000 from Hassan Omari/);
  });

  it('reports bad input as an isError result the caller can act on', async () => {
    const result = await client.callTool({ name: 'who_owes_me', arguments: { limit: -1 } });
    expect(result.isError).toBe(true);
    expect((result.content as { text: string }[])[0]?.text).toMatch(/limit/);
  });
});
