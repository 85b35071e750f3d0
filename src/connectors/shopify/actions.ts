/**
 * Write-backs to Shopify: set a product's available stock by SKU, as a system that is the source of
 * truth for stock does (Shopify's advice for `inventorySetQuantities`; a delta would be
 * `inventoryAdjustQuantities`).
 *
 * Safe to run again and safe against other writers:
 * - read first, and write nothing when Shopify already has the quantity (a re-run after success, or
 *   after a lost answer to a write that went through, is a no-op);
 * - compare-and-swap: the write carries the quantity just read as `changeFromQuantity`, so Shopify
 *   refuses it (CHANGE_FROM_QUANTITY_STALE) if a sale or the merchant changed stock in between; we
 *   read again and retry, at most `maxStaleRetries` times;
 * - an `@idempotent` key derived from the request itself, so the HTTP client's retry of a write whose
 *   answer was lost is recognised by Shopify and applied once. The key covers everything that makes
 *   the write distinct (reference, SKU, location, from, to): Shopify refuses a key reused with other
 *   variables (IDEMPOTENCY_KEY_PARAMETER_MISMATCH), so a retry after a stale read must get a new one.
 *
 * Facts and doc URLs are with the documents in queries.ts. Needs API version 2026-01 or later
 * (`changeFromQuantity` and `@idempotent`); both are mandatory from 2026-04.
 */
import { bytesToHex } from '../../core/encoding.ts';
import type { ConnectorRuntime } from '../define.ts';
import { ConnectorError } from '../errors.ts';
import type { ShopifyConfig } from './config.ts';
import { type AdminClient, createAdminClient, readData } from './graphql.ts';
import { inventorySetQuantities, levelsPerItem, stockBySkuQuery } from './queries.ts';
import { inventorySetQuantitiesData, type StockLevelNode, stockBySkuData } from './schemas.ts';

type Runtime = ConnectorRuntime<ShopifyConfig>;

export interface SetStockInput {
  /** The variant's SKU, exactly as in Shopify. */
  sku: string;
  /** The available quantity to set: a whole number, 0 or more. */
  quantity: number;
  /**
   * What caused the change, shown in Shopify's inventory history: `gid://kiungo/Order/<id>` or
   * `kiungo://orders/<id>`. Part of the idempotency key: one reference, one write.
   */
  reference: string;
}

export interface SetStockResult {
  inventoryItemId: string;
  locationId: string;
  /** The available quantity before the write (or the current one when nothing changed). */
  from: number;
  to: number;
  /** False when Shopify already had `to` and no write was sent. */
  changed: boolean;
}

/** Reads-and-retries after Shopify said the stock changed under us. */
export const maxStaleRetries = 3;

/** First API version with `changeFromQuantity` and `@idempotent` on inventorySetQuantities. */
const firstWriteVersion = '2026-01';

/** userErrors after which a fresh read and a new attempt can succeed. */
const retryableCodes = new Set([
  'CHANGE_FROM_QUANTITY_STALE',
  'COMPARE_QUANTITY_STALE',
  // The same key is still being processed (e.g. a parallel run of the same write).
  'IDEMPOTENCY_CONCURRENT_REQUEST',
  // The key was spent on a refused attempt: the next attempt needs a new one.
  'IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED',
]);

const referencePattern = /^(gid:\/\/kiungo\/[^/\s]+\/\S+|kiungo:\/\/\S+)$/;

/** A search value in single quotes, `\` escaping a quote or backslash (https://shopify.dev/docs/api/usage/search-syntax). */
export function skuSearch(sku: string): string {
  return `sku:'${sku.replace(/[\\']/g, (character) => `\\${character}`)}'`;
}

/** A UUID-shaped (version 8, RFC 9562) key: the same parts always give the same key. */
export async function idempotencyKeyFor(parts: readonly (string | number)[]): Promise<string> {
  const data = new TextEncoder().encode(JSON.stringify(parts));
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource)).slice(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytesToHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface StockPosition {
  inventoryItemId: string;
  locationId: string;
  available: number;
}

function availableOf(level: StockLevelNode, sku: string): number {
  const available = level.quantities.find((quantity) => quantity.name === 'available');
  if (!available)
    throw new ConnectorError('malformed', `Shopify sent no available quantity for SKU ${sku}`, {
      details: { locationId: level.location.id },
    });
  return available.quantity;
}

/** The variant with exactly this SKU, and its available stock at the location Kiungo writes to. */
async function readStock(client: AdminClient, config: ShopifyConfig, sku: string): Promise<StockPosition> {
  const data = await client.query(stockBySkuQuery, { query: skuSearch(sku) }, { nextCost: () => 10 });
  const { productVariants } = readData(stockBySkuData, data, 'the product with that SKU');
  // Shopify's search is not guaranteed to be exact (it ignores case, for one): keep exact matches.
  const variants = productVariants.nodes.filter((variant) => variant.sku === sku);
  const [variant, other] = variants;
  if (!variant) throw new ConnectorError('not_found', `Shopify has no product with SKU ${sku}`);
  if (other) {
    const names = variants.map((each) =>
      [each.product?.title, each.title === 'Default Title' ? null : each.title].filter(Boolean).join(' – '),
    );
    throw new ConnectorError(
      'rejected',
      `SKU ${sku} is ambiguous: more than one Shopify product has it (${names.join('; ')}). ` +
        'Kiungo will not guess whose stock to set; give each variant its own SKU in Shopify.',
      { details: { variantIds: variants.map((each) => each.id) } },
    );
  }
  const inventoryItemId = variant.inventoryItem.id;
  const levels = variant.inventoryItem.inventoryLevels;
  const wanted = config.stockLocationId;
  if (wanted) {
    const level = levels.nodes.find((candidate) => candidate.location.id === wanted);
    // Beyond the first `levelsPerItem` locations we do not look: not the shops Kiungo serves.
    if (!level)
      throw new ConnectorError(
        'rejected',
        `SKU ${sku} is not stocked at the Shopify location Kiungo writes stock to (${wanted})` +
          (levels.pageInfo.hasNextPage ? ` among its first ${levelsPerItem} locations` : ''),
        { details: { inventoryItemId, locationId: wanted } },
      );
    return { inventoryItemId, locationId: level.location.id, available: availableOf(level, sku) };
  }
  const [level, another] = levels.nodes;
  if (!level)
    throw new ConnectorError('rejected', `SKU ${sku} is not stocked at any Shopify location`, {
      details: { inventoryItemId },
    });
  if (another || levels.pageInfo.hasNextPage)
    throw new ConnectorError(
      'configuration',
      `SKU ${sku} is stocked at several Shopify locations (${levels.nodes
        .map((each) => each.location.name)
        .join(', ')}): set the Shopify location Kiungo should write stock to`,
      { details: { inventoryItemId, locationIds: levels.nodes.map((each) => each.location.id) } },
    );
  return { inventoryItemId, locationId: level.location.id, available: availableOf(level, sku) };
}

function checkInput(runtime: Runtime, input: SetStockInput): void {
  if (input.sku.trim() === '')
    throw new ConnectorError('rejected', 'A SKU is needed to set stock in Shopify');
  if (!Number.isSafeInteger(input.quantity) || input.quantity < 0)
    throw new ConnectorError(
      'rejected',
      `Shopify stock must be a whole number of 0 or more, not ${input.quantity} (SKU ${input.sku})`,
    );
  if (!referencePattern.test(input.reference))
    throw new ConnectorError(
      'rejected',
      `The reference for a Shopify stock change must be a gid://kiungo/<Type>/<id> or kiungo:// URI, not “${input.reference}”`,
    );
  if (runtime.config.apiVersion < firstWriteVersion)
    throw new ConnectorError(
      'configuration',
      `Setting stock needs Shopify API version ${firstWriteVersion} or later; this connection uses ${runtime.config.apiVersion}`,
    );
}

/**
 * Sets the available stock of the variant with `sku` at the configured location (or its only one)
 * to `quantity`. Throws `ConnectorError`: `not_found` (no such SKU), `rejected` (SKU on two variants,
 * not stocked there, Shopify refused, or stock kept changing), `configuration` (several locations and
 * no `stockLocationId`). Pass `client` to share one cost-bucket estimate across many writes.
 */
export async function setStockBySku(
  runtime: Runtime,
  input: SetStockInput,
  options: { client?: AdminClient } = {},
): Promise<SetStockResult> {
  checkInput(runtime, input);
  const { sku, quantity, reference } = input;
  const client = options.client ?? createAdminClient(runtime);
  let keySalt = 0;
  for (let attempt = 0; ; attempt++) {
    const stock = await readStock(client, runtime.config, sku);
    const position = { inventoryItemId: stock.inventoryItemId, locationId: stock.locationId };
    if (stock.available === quantity) return { ...position, from: quantity, to: quantity, changed: false };
    const idempotencyKey = await idempotencyKeyFor([
      'inventorySetQuantities',
      reference,
      sku,
      stock.inventoryItemId,
      stock.locationId,
      stock.available,
      quantity,
      keySalt,
    ]);
    const data = await client.query(inventorySetQuantities, {
      idempotencyKey,
      input: {
        name: 'available',
        reason: 'correction',
        referenceDocumentUri: reference,
        quantities: [{ ...position, quantity, changeFromQuantity: stock.available }],
      },
    });
    const { userErrors } = readData(
      inventorySetQuantitiesData,
      data,
      'the stock change',
    ).inventorySetQuantities;
    if (userErrors.length === 0) return { ...position, from: stock.available, to: quantity, changed: true };
    const codes = userErrors.map((error) => error.code ?? '');
    const message = userErrors.map((error) => error.message).join('; ');
    if (!codes.every((code) => retryableCodes.has(code)))
      throw new ConnectorError('rejected', `Shopify refused to set stock of SKU ${sku}: ${message}`, {
        details: { codes, ...position },
      });
    if (attempt >= maxStaleRetries)
      throw new ConnectorError(
        'rejected',
        `Stock of SKU ${sku} kept changing in Shopify while Kiungo set it (${attempt + 1} tries); try again later`,
        { details: { codes, ...position } },
      );
    if (codes.includes('IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED')) keySalt += 1;
    runtime.log('info', `Shopify stock of ${sku} changed while Kiungo set it; reading it again`, {
      codes,
      attempt: attempt + 1,
      from: stock.available,
    });
  }
}
