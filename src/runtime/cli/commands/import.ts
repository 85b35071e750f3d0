/** `kiungo import <entity> <file> [--dry-run]`: the import center from a shell, with a progress bar on a terminal. */
import { createReadStream, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../../core/errors.ts';
import { commitImport } from '../../../imports/commit.ts';
import { describePreview, describeReport } from '../../../imports/describe.ts';
import { previewImport } from '../../../imports/preview.ts';
import { streamSource } from '../../../imports/source.ts';
import { type ImportEntity, importEntities } from '../../../imports/types.ts';
import type { CommandSession } from '../io.ts';

function parseMappings(values: string[]): Record<string, string | null> {
  const overrides: Record<string, string | null> = {};
  for (const value of values) {
    const at = value.lastIndexOf('=');
    if (at <= 0)
      throw new AppError(
        'bad_request',
        `--map takes "Column=field" (or "Column=" to leave it out), got "${value}"`,
      );
    const field = value.slice(at + 1).trim();
    overrides[value.slice(0, at).trim()] = field === '' || field === 'none' ? null : field;
  }
  return overrides;
}

export function registerImportCommand(program: Command, session: CommandSession): void {
  program
    .command('import <entity> <file>')
    .description(`import a CSV, TSV or XLSX file (${importEntities.join(', ')})`)
    .option('--dry-run', 'preview only: mapping, issues and duplicates, nothing changes', false)
    .option('--sheet <sheet>', 'XLSX: the sheet to read (name or number)')
    .option('--map <column=field...>', 'correct the mapping, e.g. --map "Simu=phone"', [])
    .option('--date-order <order>', 'dmy, mdy or ymd when dates are ambiguous')
    .action(
      async (
        entityArgument: string,
        file: string,
        flags: { dryRun: boolean; sheet?: string; map: string[]; dateOrder?: string },
      ) => {
        const entity = entityArgument.toLowerCase() as ImportEntity;
        if (!importEntities.includes(entity))
          throw new AppError(
            'bad_request',
            `Unknown entity "${entityArgument}"; use one of ${importEntities.join(', ')}`,
          );
        const path = resolve(session.io.cwd ?? process.cwd(), file);
        let size: number;
        try {
          size = statSync(path).size;
        } catch {
          throw new AppError('not_found', `No file at ${path}`);
        }
        const environment = await session.environment();
        const context = await session.context();
        const source = streamSource(basename(path), () =>
          createReadStream(path, { highWaterMark: 1024 * 1024 }),
        );
        const planOptions = {
          entity,
          overrides: parseMappings(flags.map),
          ...(flags.dateOrder ? { dateOrder: flags.dateOrder as 'dmy' | 'mdy' | 'ymd' } : {}),
          ...(flags.sheet ? { read: { sheet: flags.sheet } } : {}),
        };
        const preview = await previewImport(environment.deps, context, source, planOptions);
        const contract = {
          entity: preview.entity,
          rows: preview.rows,
          mapping: preview.mapping.map((column) => ({
            column: column.column,
            field: column.field,
            confidence: column.confidence,
          })),
          issues: preview.issues,
          duplicates: preview.duplicates.inFile + preview.duplicates.existing,
          import_id: preview.importId,
          source: preview.source,
          issue_count: preview.issueCount,
          will_create: preview.willCreate,
          will_update: preview.willUpdate,
          will_skip: preview.willSkip,
          date_order: preview.dateOrder,
          sample: preview.sample,
          possible_duplicates: preview.possibleDuplicates,
        };
        if (flags.dryRun) {
          session.print(
            contract,
            `${describePreview(preview)}\n(dry run: nothing was changed; import id ${preview.importId})`,
          );
          return;
        }
        const showProgress = session.io.isTTY && !session.globals().json;
        const started = Date.now();
        const report = await commitImport(environment.deps, context, preview.importId, source, (rows) => {
          if (!showProgress) return;
          const share = preview.rows > 0 ? rows / preview.rows : 1;
          const bar = '█'.repeat(Math.round(share * 30)).padEnd(30, '░');
          process.stderr.write(
            `\r${bar} ${rows.toLocaleString('en-US')} / ${preview.rows.toLocaleString('en-US')} rows`,
          );
        });
        if (showProgress) process.stderr.write(`\r${' '.repeat(70)}\r`);
        session.print(
          { ...contract, report, seconds: (Date.now() - started) / 1000, bytes: size },
          `${describeReport(report)}\nUndo with: kiungo tools call import_undo --input '{"import_id":"${preview.importId}"}'`,
        );
      },
    );
}
