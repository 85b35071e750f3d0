/** Files sent in chat or dropped in the web page, kept in the database until imported (7 days). */
import { and, eq, gt } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { importUploads } from '../../db/schema/index.ts';
import type { TenantContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import type { Clock } from '../core/time.ts';

/** Uploads larger than this are refused; bigger files go through `kiungo import`. */
export const maxUploadBytes = 25 * 1024 * 1024;
const uploadLifetimeMs = 7 * 24 * 60 * 60 * 1000;

export async function saveUpload(
  db: Database,
  clock: Clock,
  context: TenantContext,
  file: { name: string; contentType?: string; bytes: Uint8Array },
): Promise<string> {
  if (file.bytes.length === 0) throw new AppError('unprocessable', `${file.name} is empty`);
  if (file.bytes.length > maxUploadBytes) {
    throw new AppError(
      'payload_too_large',
      `${file.name} is larger than ${maxUploadBytes / 1024 / 1024} MB; import it with "kiungo import" instead`,
    );
  }
  const [row] = await db.orm
    .insert(importUploads)
    .values({
      tenantId: context.tenant.id,
      memberId: context.member.id,
      fileName: file.name.slice(0, 200),
      contentType: file.contentType ?? null,
      size: file.bytes.length,
      content: file.bytes,
      expiresAt: new Date(clock.now().getTime() + uploadLifetimeMs),
    })
    .returning({ id: importUploads.id });
  if (!row) throw new AppError('internal', 'The file was not saved');
  return row.id;
}

export async function loadUpload(
  db: Database,
  clock: Clock,
  context: TenantContext,
  id: string,
): Promise<{ name: string; bytes: Uint8Array }> {
  const [row] = await db.orm
    .select({ name: importUploads.fileName, content: importUploads.content })
    .from(importUploads)
    .where(
      and(
        eq(importUploads.id, id),
        eq(importUploads.tenantId, context.tenant.id),
        gt(importUploads.expiresAt, clock.now()),
      ),
    );
  if (!row) throw new AppError('not_found', 'That file is no longer available; send it again');
  return { name: row.name, bytes: new Uint8Array(row.content) };
}
