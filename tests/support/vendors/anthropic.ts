/**
 * The Anthropic Messages API as documented: non-streaming JSON and streaming server-sent events
 * in the documented event order (message_start, content_block_start/delta/stop, message_delta,
 * message_stop), so the real SDK runs against them offline.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown };

export interface FakeMessage {
  content: FakeBlock[];
  stopReason?: 'end_turn' | 'tool_use';
  usage?: {
    input_tokens: number;
    output_tokens: number;
    cache_read_input_tokens?: number;
    cache_creation_input_tokens?: number;
  };
}

export type Reply = FakeMessage | { status: number; type: string; message: string; retryAfter?: string };

function sse(events: [string, unknown][]): string {
  return events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}

function streamOf(message: FakeMessage, model: string): string {
  const usage = message.usage ?? { input_tokens: 120, output_tokens: 30 };
  const stopReason =
    message.stopReason ??
    (message.content.some((block) => block.type === 'tool_use') ? 'tool_use' : 'end_turn');
  const events: [string, unknown][] = [
    [
      'message_start',
      {
        type: 'message_start',
        message: {
          id: 'msg_test',
          type: 'message',
          role: 'assistant',
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { ...usage, output_tokens: 1 },
        },
      },
    ],
  ];
  message.content.forEach((block, index) => {
    if (block.type === 'text') {
      events.push([
        'content_block_start',
        { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
      ]);
      for (const piece of block.text.match(/.{1,12}/gs) ?? []) {
        events.push([
          'content_block_delta',
          { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } },
        ]);
      }
    } else {
      events.push([
        'content_block_start',
        {
          type: 'content_block_start',
          index,
          content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
        },
      ]);
      const json = JSON.stringify(block.input);
      for (const piece of json.match(/.{1,10}/gs) ?? []) {
        events.push([
          'content_block_delta',
          { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } },
        ]);
      }
    }
    events.push(['content_block_stop', { type: 'content_block_stop', index }]);
  });
  events.push([
    'message_delta',
    {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    },
  ]);
  events.push(['message_stop', { type: 'message_stop' }]);
  return sse(events);
}

/**
 * A fake Messages API on a real loopback HTTP server (the SDK's retry path does not run under msw's
 * interception, and a real server also proves `ANTHROPIC_BASE_URL` is honoured). Each request gets
 * the next reply; request bodies are recorded.
 */
export async function startFakeAnthropic(
  replies: Reply[],
): Promise<{ url: string; bodies: Record<string, unknown>[]; close(): Promise<void> }> {
  const bodies: Record<string, unknown>[] = [];
  let index = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      bodies.push(body);
      const reply = replies[Math.min(index++, replies.length - 1)] as Reply;
      if (
        !request.url?.startsWith('/v1/messages') ||
        !(request.headers['x-api-key'] || request.headers.authorization)
      ) {
        response.writeHead(404).end();
        return;
      }
      if ('status' in reply) {
        response.writeHead(reply.status, {
          'content-type': 'application/json',
          ...(reply.retryAfter ? { 'retry-after': reply.retryAfter } : {}),
        });
        response.end(JSON.stringify({ type: 'error', error: { type: reply.type, message: reply.message } }));
        return;
      }
      const model = String(body.model);
      if (body.stream) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(streamOf(reply, model));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id: 'msg_test',
          type: 'message',
          role: 'assistant',
          model,
          content: reply.content,
          stop_reason: reply.stopReason ?? 'end_turn',
          stop_sequence: null,
          usage: reply.usage ?? { input_tokens: 120, output_tokens: 30 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
