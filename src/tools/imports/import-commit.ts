import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { imports } from '../../../db/schema/index.ts';
import type { Deps, TenantContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { commitImport } from '../../imports/commit.ts';
import { describeReport } from '../../imports/describe.ts';
import { bytesSource, pastedSource } from '../../imports/source.ts';
import { undoImport } from '../../imports/undo.ts';
import { loadUpload } from '../../imports/uploads.ts';
import { defineTool } from '../define.ts';

async function savedImport(deps: Deps, context: TenantContext, importId: string) {
  const [row] = await deps.db.orm
    .select()
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.tenantId, context.tenant.id)));
  if (!row) throw new AppError('not_found', 'No import with that id in this business');
  return row;
}

export const importCommit = defineTool({
  name: 'import_commit',
  title: 'Import the previewed rows',
  description:
    'Imports the rows of a previewed file (import_id from import_preview) as the preview described: creates new records, fills empty fields of existing ones, skips duplicates. A write: returns a pending action the person confirms. Resumes where it stopped if it was interrupted.',
  scope: 'write',
  confirm: true,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  input: z.object({ import_id: z.uuid() }),
  async preview({ deps, context }, input) {
    const saved = await savedImport(deps, context, input.import_id);
    if (saved.status === 'committed') throw new AppError('conflict', 'This import was already committed');
    if (saved.status === 'undone')
      throw new AppError('conflict', 'This import was undone; preview the file again');
    const counts = (
      saved.report as { preview?: { rows: number; willCreate: number; willUpdate: number; willSkip: number } }
    ).preview;
    return {
      summary: `Import ${saved.entity} from ${saved.sourceName}: ${counts?.willCreate ?? 0} new, ${counts?.willUpdate ?? 0} updated, ${counts?.willSkip ?? 0} skipped.`,
      details: { import_id: saved.id, entity: saved.entity, source: saved.sourceName, ...counts },
    };
  },
  async run({ deps, context }, input) {
    const saved = await savedImport(deps, context, input.import_id);
    if (!saved.uploadId)
      throw new AppError('conflict', 'This import was started from the command line; finish it there');
    const upload = await loadUpload(deps.db, deps.clock, context, saved.uploadId);
    const source =
      upload.name === 'pasted table'
        ? pastedSource(new TextDecoder().decode(upload.bytes))
        : bytesSource(upload.name, upload.bytes);
    const report = await commitImport(deps, context, saved.id, source);
    return { data: report, text: describeReport(report) };
  },
});

export const importUndo = defineTool({
  name: 'import_undo',
  title: 'Undo an import',
  description:
    'Undoes a whole committed import: removes the records it created and restores the fields it filled in. A write: returns a pending action the person confirms.',
  scope: 'write',
  confirm: true,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  input: z.object({ import_id: z.uuid() }),
  async preview({ deps, context }, input) {
    const saved = await savedImport(deps, context, input.import_id);
    if (saved.status !== 'committed' && saved.status !== 'failed')
      throw new AppError('conflict', `This import is ${saved.status}; there is nothing to undo`);
    const report = (saved.report as { commit?: { created: number; updated: number } }).commit;
    return {
      summary: `Undo the import of ${saved.entity} from ${saved.sourceName}: remove ${report?.created ?? 0} records it created and restore ${report?.updated ?? 0} it changed.`,
      details: { import_id: saved.id, entity: saved.entity, ...report },
    };
  },
  async run({ deps, context }, input) {
    const result = await undoImport(deps, context, input.import_id);
    return {
      data: result,
      text: `Import undone: ${result.removed} records removed, ${result.restored} restored.`,
    };
  },
});
