/**
 * Paging machinery for Shopify connections, checkpointed per page: the position is the page's
 * `endCursor`, so a killed worker resumes exactly after the last page it handed over. Nested
 * connections (an order's line items) come with a small `first`; the rare object with more gets
 * follow-up queries before its page is yielded. Every query tells the client what the next one will
 * request, so the client waits for the cost bucket before Shopify has to refuse us (graphql.ts).
 */
import { z } from 'zod';
import type { SyncRecord } from '../../sync/records.ts';
import type { StreamBatch, SyncRequest } from '../define.ts';
import { cursorPages } from '../paginate.ts';
import { type AdminClient, readData } from './graphql.ts';
import { connectionOf } from './schemas.ts';

/** An instant to whole seconds, rounded outwards so the window never shrinks. */
function isoSeconds(instant: Date, round: 'floor' | 'ceil'): string {
  const seconds =
    round === 'floor' ? Math.floor(instant.getTime() / 1000) : Math.ceil(instant.getTime() / 1000);
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Shopify search syntax (https://shopify.dev/docs/api/usage/search-syntax):
 * `updated_at:>='2026-11-01T00:00:00Z' updated_at:<='2026-11-02T00:00:00Z'`.
 */
export function searchQuery(request: SyncRequest): string | null {
  if (request.mode === 'full' || request.mode === 'records') return null;
  const parts: string[] = [];
  if (request.since) parts.push(`updated_at:>='${isoSeconds(request.since, 'floor')}'`);
  if (request.mode === 'range' && request.until)
    parts.push(`updated_at:<='${isoSeconds(request.until, 'ceil')}'`);
  return parts.length > 0 ? parts.join(' ') : null;
}

export function connectionAt<Node extends z.ZodType>(data: unknown, key: string, node: Node, what: string) {
  const page = readData(z.looseObject({ [key]: connectionOf(node) }), data, what)[key];
  if (!page) throw new Error(`unreachable: ${key} was validated`);
  return page;
}

type Reply = Record<string, unknown> | null | undefined;
type PageInfoReply = { pageInfo?: { hasNextPage?: unknown } } | null | undefined;

const nestedHasNextPage = (node: unknown, field: string) =>
  ((node as Reply)?.[field] as PageInfoReply)?.pageInfo?.hasNextPage === true;

/** A nested connection fetched with a small `first`, and how to page through the rest of it. */
export interface Nested<Node extends z.ZodType> {
  field: string;
  document: string;
  node: Node;
  /** Requested cost of one follow-up query (queries.ts). */
  cost: number;
}

type WithNested = { id: string } & Record<string, unknown>;

/**
 * Completes one object whose nested connection had more than the first page (an order's 11th line
 * item onwards). `thenCost` is what the caller sends after the last follow-up, so we can wait for it.
 */
async function complete<Parent extends WithNested, Child extends z.ZodType>(
  client: AdminClient,
  parent: Parent,
  nested: Nested<Child>,
  thenCost: number,
): Promise<Parent> {
  const connection = parent[nested.field] as {
    pageInfo: { hasNextPage: boolean; endCursor?: string | null };
    nodes: unknown[];
  };
  const nodes = [...connection.nodes];
  let cursor = connection.pageInfo.hasNextPage ? (connection.pageInfo.endCursor ?? null) : null;
  while (cursor) {
    const data = await client.query(
      nested.document,
      { id: parent.id, after: cursor },
      {
        nextCost: (reply) =>
          nestedHasNextPage((reply as Reply)?.node, nested.field) ? nested.cost : thenCost,
      },
    );
    const node = readData(z.looseObject({ node: z.looseObject({}).nullable() }), data, nested.field).node;
    if (!node) break;
    const page = connectionAt(node, nested.field, nested.node, nested.field);
    nodes.push(...page.nodes);
    cursor = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
  }
  return { ...parent, [nested.field]: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } };
}

/** Completes every object of a page that needs it; the last follow-up waits for `thenCost`. */
export async function completeAll<Parent extends WithNested>(
  client: AdminClient,
  parents: Parent[],
  nested: Nested<z.ZodType> | undefined,
  thenCost: number,
): Promise<Parent[]> {
  if (!nested) return parents;
  const incomplete = parents.flatMap((parent, index) =>
    nestedHasNextPage(parent, nested.field) ? [index] : [],
  );
  const done = [...parents];
  for (const [position, index] of incomplete.entries()) {
    const after = position < incomplete.length - 1 ? nested.cost : thenCost;
    done[index] = await complete(client, parents[index] as Parent, nested, after);
  }
  return done;
}

export interface PagedSpec<Node extends z.ZodType> {
  document: string;
  connection: string;
  pageSize: number;
  node: Node;
  nested?: Nested<z.ZodType>;
  toRecords(node: z.output<Node>): SyncRecord[];
}

export async function* pagedSync<Node extends z.ZodType>(
  client: AdminClient,
  spec: PagedSpec<Node>,
  request: SyncRequest,
  resumeFrom: string | null,
  total?: number,
): AsyncGenerator<StreamBatch> {
  const query = searchQuery(request);
  const nested = spec.nested;
  const pages = cursorPages(async (after) => {
    let pageCost = 0;
    const data = await client.query(
      spec.document,
      { first: spec.pageSize, after, query },
      {
        // After a page come its follow-ups, if any, then the next page (which costs what this one did).
        nextCost: (reply, requested) => {
          pageCost = requested ?? 0;
          const page = (reply as Reply)?.[spec.connection] as { nodes?: unknown[] } & PageInfoReply;
          if (nested && page?.nodes?.some((node) => nestedHasNextPage(node, nested.field)))
            return nested.cost;
          return page?.pageInfo?.hasNextPage === true ? requested : 0;
        },
      },
    );
    const page = connectionAt(data, spec.connection, spec.node, spec.connection);
    const thenCost = page.pageInfo.hasNextPage ? pageCost : 0;
    const items = await completeAll(client, page.nodes as WithNested[], nested, thenCost);
    return {
      items: items as z.output<Node>[],
      hasNextPage: page.pageInfo.hasNextPage,
      endCursor: page.pageInfo.endCursor ?? null,
    };
  }, resumeFrom);
  for await (const page of pages) {
    yield { records: page.items.flatMap((node) => spec.toRecords(node)), position: page.next, total };
  }
}

/** `nodes(ids:)` in chunks; the position is `ids:<how many ids are done>`. */
export async function* byIdSync<Node extends z.ZodType>(
  client: AdminClient,
  document: string,
  gids: readonly string[],
  chunkSize: number,
  node: Node,
  resumeFrom: string | null,
  toRecords: (nodes: z.output<Node>[]) => Promise<SyncRecord[]>,
): AsyncGenerator<StreamBatch> {
  let done = resumeFrom?.startsWith('ids:') ? Number(resumeFrom.slice(4)) || 0 : 0;
  if (done >= gids.length) {
    yield { records: [], position: null };
    return;
  }
  while (done < gids.length) {
    const chunk = gids.slice(done, done + chunkSize);
    const more = done + chunk.length < gids.length;
    const data = await client.query(
      document,
      { ids: chunk },
      { nextCost: (_, requested) => (more ? requested : 0) },
    );
    // Unknown ids come back null, ids of another type as `{}`: both are skipped.
    const found = readData(z.looseObject({ nodes: z.array(z.unknown()) }), data, 'nodes').nodes.filter(
      (value) => typeof value === 'object' && value !== null && 'id' in value,
    );
    const nodes = readData(z.array(node), found, 'nodes');
    done += chunk.length;
    yield { records: await toRecords(nodes), position: done < gids.length ? `ids:${done}` : null };
  }
}
