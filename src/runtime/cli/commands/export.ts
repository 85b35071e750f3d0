/** `kiungo export <entity> [file] [--format csv|xlsx]`: any entity as CSV (stdout or a file) or XLSX. */
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { AppError } from '../../../core/errors.ts';
import { exportCsv } from '../../../imports/export.ts';
import { exportXlsx } from '../../../imports/export-xlsx.node.ts';
import { type ImportEntity, importEntities } from '../../../imports/types.ts';
import type { CommandSession } from '../io.ts';

export function registerExportCommand(program: Command, session: CommandSession): void {
  program
    .command('export <entity> [file]')
    .description(`export ${importEntities.join(', ')} as CSV (to stdout without a file) or XLSX`)
    .option('--format <format>', 'csv or xlsx (default: from the file name)')
    .action(async (entityArgument: string, file: string | undefined, flags: { format?: string }) => {
      const entity = entityArgument.toLowerCase() as ImportEntity;
      if (!importEntities.includes(entity))
        throw new AppError(
          'bad_request',
          `Unknown entity "${entityArgument}"; use one of ${importEntities.join(', ')}`,
        );
      const format = flags.format ?? (file?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
      if (format !== 'csv' && format !== 'xlsx') throw new AppError('bad_request', '--format is csv or xlsx');
      if (format === 'xlsx' && !file)
        throw new AppError('bad_request', 'Give a file name for an XLSX export');
      const environment = await session.environment();
      const context = await session.context();
      if (!file) {
        let text = '';
        for await (const chunk of exportCsv(environment.deps, context, entity))
          text += new TextDecoder().decode(chunk);
        session.io.out(text.replace(/^\uFEFF/, '').trimEnd());
        return;
      }
      const path = resolve(session.io.cwd ?? process.cwd(), file);
      if (format === 'xlsx') {
        const rows = await exportXlsx(environment.deps, context, entity, createWriteStream(path));
        session.print({ file: path, rows }, `Exported ${rows} ${entity} to ${path}`);
        return;
      }
      await pipeline(Readable.from(exportCsv(environment.deps, context, entity)), createWriteStream(path));
      session.print({ file: path }, `Exported ${entity} to ${path}`);
    });
}
