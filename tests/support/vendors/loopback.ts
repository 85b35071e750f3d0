/**
 * Serves msw request handlers on a real loopback HTTP server, for vendors that a child process or a
 * benchmark must reach over the network. An optional delay makes each response slow, like a vendor
 * far away.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, type RequestHandler } from 'msw';

export interface LoopbackVendor {
  url: string;
  setHandlers(handlers: RequestHandler[]): void;
  close(): Promise<void>;
}

export async function startLoopbackVendor(options: { delayMs?: number } = {}): Promise<LoopbackVendor> {
  let handlers: RequestHandler[] = [];
  const server: Server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const url = `http://${incoming.headers.host}${incoming.url}`;
    const headers = new Headers();
    for (const [key, value] of Object.entries(incoming.headers))
      if (typeof value === 'string') headers.set(key, value);
    const request = new Request(url, {
      method: incoming.method ?? 'GET',
      headers,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const response = (await getResponse(handlers, request)) ?? new Response('no handler', { status: 501 });
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setHandlers(next) {
      handlers = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
