/** Setting up: `migrate`, `demo`, `tenants create`, `keys create`. */
import type { Command } from 'commander';
import { migrate } from '../../../../db/migrate.node.ts';
import type { Scope } from '../../../core/context.ts';
import { dateInZone } from '../../../core/time.ts';
import { loadDemo } from '../../../demo/load.ts';
import { createApiKey } from '../../../tenancy/api-keys.ts';
import { createTenant } from '../../../tenancy/tenants.ts';
import type { CommandSession } from '../io.ts';

export function registerAdminCommands(program: Command, session: CommandSession): void {
  program
    .command('migrate')
    .description('apply the database migrations')
    .action(async () => {
      const environment = await session.environment();
      const result = await migrate(environment.deps.db);
      session.print(
        result,
        result.applied === 0 ? 'The database is up to date.' : `Applied ${result.applied} migrations.`,
      );
    });

  program
    .command('demo')
    .description('load the demo business (an electronics shop in Kariakoo); idempotent')
    .option('--reset', 'delete the demo business and load it again', false)
    .action(async (options: { reset: boolean }) => {
      const environment = await session.environment();
      const today = dateInZone(environment.deps.clock.now(), 'Africa/Dar_es_Salaam');
      const result = await loadDemo(environment.deps.db, { today, reset: options.reset });
      session.print(
        { tenant: result.tenant.slug, created: result.created, counts: result.counts },
        result.created
          ? `Loaded the demo business "${result.tenant.name}": ${result.counts.customers} customers, ${result.counts.products} products, ${result.counts.invoices} invoices, ${result.counts.payments} payments.`
          : `The demo business is already loaded (use --reset to load it again).`,
      );
    });

  const tenants = program.command('tenants').description('businesses');
  tenants
    .command('create <slug>')
    .description('create a business with its owner')
    .option('--name <name>', 'the business name')
    .option('--region <code>', 'country for phone numbers', 'TZ')
    .option('--currency <code>', 'default currency', 'TZS')
    .option('--timezone <zone>', 'IANA time zone', 'Africa/Dar_es_Salaam')
    .option('--language <code>', 'en or sw', 'en')
    .option('--owner <name>', "the owner's name", 'Owner')
    .action(
      async (
        slug: string,
        options: {
          name?: string;
          region: string;
          currency: string;
          timezone: string;
          language: string;
          owner: string;
        },
      ) => {
        const environment = await session.environment();
        const { tenant, owner } = await createTenant(environment.deps.db, {
          slug,
          name: options.name,
          region: options.region,
          currency: options.currency,
          timezone: options.timezone,
          language: options.language as 'en' | 'sw',
          ownerName: options.owner,
        });
        session.print({ tenant, owner }, `Created ${tenant.name} (${tenant.slug}) with owner ${owner.name}.`);
      },
    );

  const keys = program.command('keys').description('API keys');
  keys
    .command('create')
    .description('create an API key (printed once)')
    .option('--scope <scopes...>', 'read, write, admin', ['read'])
    .option('--name <name>', 'a label for the key', 'cli')
    .action(async (options: { scope: string[]; name: string }) => {
      const environment = await session.environment();
      const context = await session.context();
      const scopes = options.scope
        .flatMap((scope) => scope.split(','))
        .map((scope) => scope.trim()) as Scope[];
      const created = await createApiKey(environment.deps.db, context, { name: options.name, scopes });
      session.print(
        created,
        `API key "${created.name}" (${created.scopes.join(', ')}) for ${context.tenant.slug}:\n${created.key}\nIt is shown only this once; store it somewhere safe.`,
      );
    });
}
