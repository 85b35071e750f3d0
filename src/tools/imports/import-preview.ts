import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import { imports } from '../../../db/schema/index.ts';
import { AppError } from '../../core/errors.ts';
import { describePreview, mappingTable } from '../../imports/describe.ts';
import { previewImport } from '../../imports/preview.ts';
import { bytesSource, isSheetsCsvLink, pastedSource } from '../../imports/source.ts';
import { type ImportEntity, importEntities } from '../../imports/types.ts';
import { loadUpload, maxUploadBytes, saveUpload } from '../../imports/uploads.ts';
import { defineTool } from '../define.ts';

export const importPreview = defineTool({
  name: 'import_preview',
  title: 'Preview an import',
  description:
    'Dry run of importing a spreadsheet: a file the person sent (upload_id), a table they pasted (text), or a published Google Sheets CSV link (url). Detects the entity and source system, maps columns to fields with confidence, normalises values, and lists problems with row numbers and duplicates, without changing anything. Pass `mapping` to correct columns ("Simu is the phone column" → {"Simu": "phone"}; null leaves a column out) and call again. Returns the import_id that import_commit needs.',
  scope: 'write',
  confirm: false,
  annotations: { readOnlyHint: true, idempotentHint: false },
  input: z
    .object({
      upload_id: z.uuid().optional(),
      text: z.string().min(1).max(1_000_000).optional().describe('A pasted table'),
      url: z.url().optional().describe('A Google Sheets "publish to web" CSV link'),
      entity: z.enum(importEntities).optional(),
      mapping: z.record(z.string(), z.string().nullable()).optional(),
      date_order: z.enum(['dmy', 'mdy', 'ymd']).optional(),
      sheet: z.string().max(100).optional(),
    })
    .refine(
      (value) =>
        [value.upload_id, value.text, value.url].filter(Boolean).length === 1 ||
        (value.mapping && !value.text && !value.url),
      'give one of upload_id, text or url (or only mapping, to correct the latest preview)',
    ),
  async run({ deps, context }, input) {
    let uploadId = input.upload_id;
    let entity: ImportEntity | undefined = input.entity;
    if (!uploadId && !input.text && !input.url) {
      // Only a correction: apply it to this member's latest preview.
      const [latest] = await deps.db.orm
        .select({ uploadId: imports.uploadId, entity: imports.entity })
        .from(imports)
        .where(
          and(
            eq(imports.tenantId, context.tenant.id),
            eq(imports.memberId, context.member.id),
            eq(imports.status, 'previewed'),
            isNotNull(imports.uploadId),
          ),
        )
        .orderBy(desc(imports.createdAt))
        .limit(1);
      if (!latest?.uploadId)
        throw new AppError('not_found', 'There is no file waiting to be imported; send the file first');
      uploadId = latest.uploadId;
      entity ??= latest.entity as ImportEntity;
    }
    if (input.text) {
      uploadId = await saveUpload(deps.db, deps.clock, context, {
        name: 'pasted table',
        contentType: 'text/plain',
        bytes: new TextEncoder().encode(input.text),
      });
    } else if (input.url) {
      if (!isSheetsCsvLink(input.url))
        throw new AppError(
          'bad_request',
          'Only published Google Sheets CSV links are supported (File → Share → Publish to web → CSV)',
        );
      const response = await fetch(input.url, { signal: AbortSignal.timeout(30_000) });
      if (!response.ok)
        throw new AppError(
          'unprocessable',
          `Google Sheets answered ${response.status}; is the sheet published to the web?`,
        );
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.length > maxUploadBytes)
        throw new AppError('payload_too_large', 'That sheet is too large to import from a link');
      uploadId = await saveUpload(deps.db, deps.clock, context, {
        name: 'Google Sheet',
        contentType: 'text/csv',
        bytes,
      });
    }
    const upload = await loadUpload(deps.db, deps.clock, context, uploadId as string);
    const source =
      upload.name === 'pasted table'
        ? pastedSource(new TextDecoder().decode(upload.bytes))
        : bytesSource(upload.name, upload.bytes);
    const preview = await previewImport(deps, context, source, {
      ...(entity ? { entity } : {}),
      ...(input.mapping ? { overrides: input.mapping } : {}),
      ...(input.date_order ? { dateOrder: input.date_order } : {}),
      ...(input.sheet ? { read: { sheet: input.sheet } } : {}),
      uploadId: uploadId as string,
    });
    const text = describePreview(preview);
    return {
      data: { import_id: preview.importId, upload_id: uploadId, ...preview },
      text,
      summary: text,
      parts: [mappingTable(preview)],
    };
  },
});
