/** `kiungo ask "<message>"`, `kiungo chat` and `kiungo login-link`: the assistant in a terminal. */
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { replyToPlainText } from '../../../agent/plain-text.ts';
import { createLoginLink } from '../../../tenancy/sessions.ts';
import type { CommandSession } from '../io.ts';

function terminalReply(result: { text: string; parts: Parameters<typeof replyToPlainText>[1] }): string {
  return replyToPlainText(result.text, result.parts);
}

export function registerAssistantCommands(program: Command, session: CommandSession): void {
  program
    .command('ask <message...>')
    .description('one assistant turn; prints the reply ("kiungo ask yes" confirms what it prepared)')
    .action(async (words: string[]) => {
      const environment = await session.environment();
      const context = await session.context();
      const result = await environment.deps.assistant.turn({ context, text: words.join(' ') });
      session.print(
        {
          text: result.text,
          parts: result.parts,
          mode: result.mode,
          tool_calls: result.toolCalls,
          usage: result.usage,
        },
        terminalReply(result),
      );
    });

  program
    .command('chat')
    .description('interactive chat with the assistant (Ctrl-D or "exit" to leave)')
    .action(async () => {
      const environment = await session.environment();
      const context = await session.context();
      const lines = createInterface({
        input: process.stdin,
        output: process.stdout,
        terminal: session.io.isTTY,
      });
      session.io.out(
        `Kiungo · ${context.tenant.name} · ${environment.deps.assistantMode}. Type "exit" to leave.`,
      );
      for (;;) {
        let line: string;
        try {
          line = await lines.question(session.io.isTTY ? '› ' : '');
        } catch {
          break;
        }
        if (line.trim() === 'exit' || line.trim() === 'quit') break;
        if (line.trim() === '') continue;
        const result = await environment.deps.assistant.turn({ context, text: line });
        session.io.out(`${terminalReply(result)}\n`);
      }
      lines.close();
    });

  program
    .command('login-link')
    .description('a one-time link that signs a member in to the web chat (valid 15 minutes)')
    .action(async () => {
      const environment = await session.environment();
      const context = await session.context();
      const base = environment.deps.publicUrl ?? 'http://127.0.0.1:8787';
      const link = await createLoginLink(
        environment.deps.db,
        environment.deps.clock,
        context.tenant,
        context.member,
        base,
      );
      session.print(
        { url: link.url, expires_at: link.expiresAt.toISOString() },
        `Sign-in link for ${context.member.name} (valid 15 minutes, once):\n${link.url}`,
      );
    });
}
