/**
 * Pagination strategies as small async generators. Each yields one page at a time together with the
 * position to resume from, so the engine can checkpoint after every page.
 */
import type { HttpClient, HttpResponse, RequestOptions } from './http-client.ts';

export interface Page<Item> {
  items: Item[];
  /** Where the next page starts; `null` after the last page. */
  next: string | null;
  /** The total number of items when the vendor says it (for progress). */
  total?: number | undefined;
}

/** The `rel="next"` target of an RFC 8288 `Link` header. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]+)>\s*;(.*)/.exec(part.trim());
    if (match?.[1] && /\brel="?([^";]*\s)?next(\s[^";]*)?"?/.test(match[2] ?? '')) return match[1];
  }
  return null;
}

/** Follows `Link: <…>; rel="next"` until there is none (Shopify REST, WooCommerce, GitHub style). */
export async function* linkHeaderPages<Item>(
  http: HttpClient,
  first: { path: string; query?: RequestOptions['query'] },
  resumeFrom: string | null,
  itemsOf: (response: HttpResponse) => Item[],
  options: Pick<RequestOptions, 'signal'> = {},
): AsyncGenerator<Page<Item>> {
  let response = resumeFrom
    ? await http.request('GET', resumeFrom, options)
    : await http.request('GET', first.path, { ...options, query: first.query });
  for (;;) {
    const next = nextLink(response.headers.get('link'));
    const total = Number(response.headers.get('x-wp-total') ?? Number.NaN);
    yield { items: itemsOf(response), next, total: Number.isFinite(total) ? total : undefined };
    if (!next) return;
    response = await http.request('GET', next, options);
  }
}

/**
 * Numbered pages with the page count in a header (`X-WP-TotalPages`). The position is the number of
 * the next page, as text.
 */
export async function* numberedPages<Item>(
  http: HttpClient,
  request: { path: string; query?: RequestOptions['query']; pageParam?: string; totalPagesHeader: string },
  resumeFrom: string | null,
  itemsOf: (response: HttpResponse) => Item[],
  options: Pick<RequestOptions, 'signal'> = {},
): AsyncGenerator<Page<Item>> {
  let page = resumeFrom ? Number(resumeFrom) : 1;
  for (;;) {
    const response = await http.request('GET', request.path, {
      ...options,
      query: { ...request.query, [request.pageParam ?? 'page']: page },
    });
    const items = itemsOf(response);
    const totalPages = Number(response.headers.get(request.totalPagesHeader) ?? Number.NaN);
    const totalHeader = Number(response.headers.get('x-wp-total') ?? Number.NaN);
    const last = Number.isFinite(totalPages) ? page >= totalPages : items.length === 0;
    yield {
      items,
      next: last || items.length === 0 ? null : String(page + 1),
      total: Number.isFinite(totalHeader) ? totalHeader : undefined,
    };
    if (last || items.length === 0) return;
    page += 1;
  }
}

/** Relay-style connections (`pageInfo { hasNextPage endCursor }`), as in GraphQL APIs. */
export async function* cursorPages<Item>(
  fetchPage: (
    after: string | null,
  ) => Promise<{ items: Item[]; hasNextPage: boolean; endCursor: string | null }>,
  resumeFrom: string | null,
): AsyncGenerator<Page<Item>> {
  let after = resumeFrom;
  for (;;) {
    const page = await fetchPage(after);
    const next = page.hasNextPage ? page.endCursor : null;
    yield { items: page.items, next };
    if (!next) return;
    after = next;
  }
}
