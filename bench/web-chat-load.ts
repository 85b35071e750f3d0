/**
 * The web chat under load on loopback: N signed-in sessions each send M messages through
 * POST /chat/stream at the same time, against a real HTTP server. Bounded in count, stops by itself.
 * Prints requests per second, latency percentiles and errors.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Database } from '../db/database.ts';
import { createAssistant } from '../src/agent/assistant.ts';
import { offlineProvider } from '../src/agent/providers/offline.ts';
import { randomToken } from '../src/core/encoding.ts';
import { silentLogger } from '../src/core/logger.ts';
import { systemClock } from '../src/core/time.ts';
import { createVault, generateVaultKey } from '../src/core/vault.ts';
import { createApp } from '../src/http/app.ts';
import { createLoginLink } from '../src/tenancy/sessions.ts';
import { addMember, findTenant } from '../src/tenancy/tenants.ts';
import { createToolRegistry } from '../src/tools/catalogue.ts';
import { ms } from './stats.ts';

const questions = [
  'who owes me?',
  'nani ananidai?',
  'show me Mama Joyce',
  'mauzo ya leo',
  'sales this month',
];

export async function benchWebChatLoad(
  db: Database,
  label: string,
  sessions: number,
  messagesPerSession: number,
): Promise<void> {
  const base = {
    db,
    vault: await createVault([generateVaultKey()]),
    clock: systemClock,
    logger: silentLogger,
  };
  const registry = createToolRegistry();
  const app = createApp({
    ...base,
    registry,
    assistant: createAssistant({ deps: base, registry, provider: offlineProvider() }),
    assistantMode: 'offline',
    sessionSecret: randomToken(32),
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tenant = await findTenant(db, 'demo');
  if (!tenant) throw new Error('Load the demo business first');

  // One member and one signed-in session per simulated person.
  const cookies: string[] = [];
  for (let index = 0; index < sessions; index++) {
    const member = await addMember(db, tenant.id, { name: `Load ${index}`, role: 'staff' });
    const link = await createLoginLink(db, systemClock, tenant, member, origin);
    const response = await fetch(link.url, { redirect: 'manual' });
    cookies.push((response.headers.get('set-cookie') ?? '').split(';')[0] as string);
  }

  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    cookies.map(async (cookie, person) => {
      for (let turn = 0; turn < messagesPerSession; turn++) {
        const begin = performance.now();
        try {
          const response = await fetch(`${origin}/chat/stream`, {
            method: 'POST',
            headers: { cookie, 'content-type': 'application/json', origin },
            body: JSON.stringify({ text: questions[(person + turn) % questions.length] }),
          });
          const body = await response.text();
          if (!response.ok || !body.includes('event: done')) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - begin);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  server.close();
  latencies.sort((a, b) => a - b);
  const at = (fraction: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil(fraction * latencies.length) - 1)] ?? 0;
  console.log(
    `[${label}] web chat, ${sessions} concurrent sessions × ${messagesPerSession} messages: ${(latencies.length / elapsed).toFixed(1)} requests/s, median ${ms(at(0.5))}, p95 ${ms(at(0.95))}, errors ${errors}`,
  );
}
