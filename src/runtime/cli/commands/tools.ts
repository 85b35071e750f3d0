/** `kiungo tools list` and `kiungo tools call <name> --input '<json>' [--confirm]`. */
import type { Command } from 'commander';
import { AppError } from '../../../core/errors.ts';
import type { ToolOutcome } from '../../../tools/outcome.ts';
import type { CommandSession } from '../io.ts';

export function registerToolCommands(
  program: Command,
  session: CommandSession,
  setExit: (code: number) => void,
): void {
  const tools = program.command('tools').description('the tool registry, called directly');

  tools
    .command('list')
    .description('list the tools this member may use')
    .action(async () => {
      const environment = await session.environment();
      const context = await session.context();
      const list = environment.deps.registry.list('cli', context).map((tool) => ({
        name: tool.name,
        title: tool.title,
        scope: tool.scope,
        confirm: tool.confirm,
        description: tool.description,
      }));
      session.print(
        { tools: list },
        list
          .map(
            (tool) =>
              `${tool.name.padEnd(18)} ${tool.scope.padEnd(5)} ${tool.confirm ? 'confirm ' : '        '}${tool.title}`,
          )
          .join('\n'),
      );
    });

  tools
    .command('call <name>')
    .description('call a tool with a JSON input')
    .option('--input <json>', 'the tool input as JSON', '{}')
    .option('--confirm', 'you approve the write now: create the pending action and confirm it at once', false)
    .action(async (name: string, options: { input: string; confirm: boolean }) => {
      let input: unknown;
      try {
        input = JSON.parse(options.input);
      } catch {
        throw new AppError('bad_request', '--input is not valid JSON');
      }
      const environment = await session.environment();
      const context = await session.context();
      const outcome = await environment.deps.registry.call(environment.deps, context, name, input, {
        surface: 'cli',
        confirmed: options.confirm,
      });
      printOutcome(session, outcome);
      if (outcome.status === 'error') setExit(1);
    });
}

function printOutcome(session: CommandSession, outcome: ToolOutcome): void {
  const json = session.globals().json;
  if (outcome.status === 'ok') {
    session.print(outcome.data, outcome.text);
    return;
  }
  if (outcome.status === 'pending_confirmation') {
    const confirmInput = JSON.stringify({
      action_id: outcome.action.id,
      confirm_token: outcome.confirmToken,
    });
    session.print(
      { status: outcome.status, action: outcome.action, confirm_token: outcome.confirmToken },
      `${outcome.text}\nTo confirm: kiungo tools call confirm_action --input '${confirmInput}'`,
    );
    return;
  }
  if (json) session.io.out(JSON.stringify({ status: 'error', error: outcome.error }, null, 2));
  session.io.err(`Error: ${outcome.error.message}`);
}
