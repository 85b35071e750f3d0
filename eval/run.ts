/**
 * `npm run eval`: runs the scenario set against the offline brain, and against Claude when
 * ANTHROPIC_API_KEY is set, on a fresh demo business; prints accuracy per intent.
 * A scenario passes when the expected tools were called (and no others when none are expected),
 * every fact is in the reply, and pending writes stayed pending.
 */
import { sql } from 'drizzle-orm';
import { migrate } from '../db/migrate.node.ts';
import { openPglite } from '../db/pglite.node.ts';
import { createAssistant } from '../src/agent/assistant.ts';
import type { ModelProvider } from '../src/agent/model.ts';
import { anthropicProvider } from '../src/agent/providers/anthropic.ts';
import { offlineProvider } from '../src/agent/providers/offline.ts';
import { parseConfig } from '../src/core/config.ts';
import { silentLogger } from '../src/core/logger.ts';
import { fixedClock } from '../src/core/time.ts';
import { createVault, generateVaultKey } from '../src/core/vault.ts';
import { loadDemo } from '../src/demo/load.ts';
import { contextForSlug } from '../src/tenancy/tenants.ts';
import { createToolRegistry } from '../src/tools/catalogue.ts';
import { scenarios } from './scenarios.ts';

const config = parseConfig(process.env);
const providers: ModelProvider[] = [offlineProvider()];
if (config.ANTHROPIC_API_KEY) {
  providers.push(
    anthropicProvider({
      apiKey: config.ANTHROPIC_API_KEY,
      ...(config.ANTHROPIC_BASE_URL ? { baseURL: config.ANTHROPIC_BASE_URL } : {}),
      ...(config.KIUNGO_MODEL ? { model: config.KIUNGO_MODEL } : {}),
    }),
  );
} else {
  console.log('(ANTHROPIC_API_KEY is not set: evaluating the offline brain only)');
}

let failures = 0;
for (const provider of providers) {
  const db = await openPglite('memory://');
  await migrate(db);
  await loadDemo(db, { today: '2026-11-23', seed: 7 });
  const deps = {
    db,
    vault: await createVault([generateVaultKey()]),
    clock: fixedClock('2026-11-23T09:00:00Z'),
    logger: silentLogger,
  };
  const registry = createToolRegistry();
  const assistant = createAssistant({ deps, registry, provider });
  const byIntent = new Map<string, { passed: number; total: number }>();
  for (const [index, scenario] of scenarios.entries()) {
    // A member per scenario: no conversation history or rate limit carries over.
    const member = await db.rows<{ id: string }>(
      sql`insert into members (tenant_id, name, role) select id, ${`Eval ${index}`}, 'owner' from tenants where slug = 'demo' returning id`,
    );
    const context = await contextForSlug(db, 'demo', 'cli', member[0]?.id);
    const result = await assistant.turn({ context, text: scenario.text });
    const called = result.toolCalls.map((call) => call.name);
    const problems: string[] = [];
    for (const tool of scenario.tools) if (!called.includes(tool)) problems.push(`did not call ${tool}`);
    if (scenario.tools.length === 0 && called.length > 0) problems.push(`called ${called.join(', ')}`);
    const reply = [result.text, ...result.parts.map((part) => JSON.stringify(part))].join('\n');
    for (const fact of scenario.facts) {
      if (typeof fact === 'string' ? !reply.includes(fact) : !fact.test(reply))
        problems.push(`reply lacks ${String(fact)}`);
    }
    if (scenario.pending && !result.toolCalls.some((call) => call.status === 'pending_confirmation'))
      problems.push('write was not left pending');
    const entry = byIntent.get(scenario.intent) ?? { passed: 0, total: 0 };
    entry.total++;
    if (problems.length === 0) entry.passed++;
    else {
      failures++;
      console.log(`  ✗ [${provider.kind}] "${scenario.text}": ${problems.join('; ')}`);
    }
    byIntent.set(scenario.intent, entry);
  }
  const total = [...byIntent.values()].reduce(
    (sum, entry) => ({ passed: sum.passed + entry.passed, total: sum.total + entry.total }),
    { passed: 0, total: 0 },
  );
  console.log(
    `\n${provider.kind} (${provider.model}): ${total.passed}/${total.total} scenarios (${((100 * total.passed) / total.total).toFixed(0)}%)`,
  );
  for (const [intent, entry] of [...byIntent.entries()].sort()) {
    console.log(`  ${intent.padEnd(18)} ${entry.passed}/${entry.total}`);
  }
  await db.close();
}
process.exitCode = failures > 0 ? 1 : 0;
