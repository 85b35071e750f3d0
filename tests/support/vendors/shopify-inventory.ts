/**
 * `inventorySetQuantities` of the simulated Admin API: compare-and-swap on `changeFromQuantity`,
 * `@idempotent` keys replayed like Shopify, and its userErrors.
 */
import { GraphQLError, type GraphQLResolveInfo, getDirectiveValues } from 'graphql';
import { inventoryLevelOf, quantityAt, type ShopifyStore, setQuantity } from './shopify-data.ts';
import { nodeById, type SimContext } from './shopify-schema.ts';

interface InventoryQuantityInput {
  inventoryItemId: string;
  locationId: string;
  quantity: number;
  /** Absent and `null` differ: since 2026-04 it must be given, `null` opting out of the check. */
  changeFromQuantity?: number | null;
}

export interface InventorySetQuantitiesInput {
  name: string;
  reason: string;
  referenceDocumentUri?: string | null;
  quantities: InventoryQuantityInput[];
}

type SetUserError = { code: string; field: string[]; message: string };

/** https://shopify.dev/docs/apps/build/orders-fulfillment/inventory-management-apps/manage-quantities-states */
const inventoryReasons = new Set([
  'correction',
  'cycle_count_available',
  'damaged',
  'movement_created',
  'movement_updated',
  'movement_received',
  'movement_canceled',
  'other',
  'promotion',
  'quality_control',
  'received',
  'reservation_created',
  'reservation_deleted',
  'reservation_updated',
  'restock',
  'safety_stock',
  'shrinkage',
]);

/** `2026-04` and later (and `unstable`): changeFromQuantity and the idempotency key are mandatory. */
const casRequired = (version: string | undefined) =>
  !version || version === 'unstable' || version >= '2026-04';

export function idempotencyKeyOf(info: GraphQLResolveInfo): string | null {
  const directive = info.schema.getDirective('idempotent');
  const node = info.fieldNodes[0];
  if (!directive || !node) return null;
  const values = getDirectiveValues(directive, node, info.variableValues);
  return typeof values?.key === 'string' && values.key !== '' ? values.key : null;
}

/** "Valid URI with scheme and content. For GID format, all components (app, entity, id) must be present." */
const validReference = (uri: string) =>
  uri.startsWith('gid://')
    ? /^gid:\/\/[^/\s]+\/[^/\s]+\/\S+$/.test(uri)
    : /^[a-z][a-z0-9+.-]*:\S+$/i.test(uri);

function setQuantitiesErrors(store: ShopifyStore, input: InventorySetQuantitiesInput, version?: string) {
  const errors: SetUserError[] = [];
  if (input.name !== 'available' && input.name !== 'on_hand')
    errors.push({
      code: 'INVALID_NAME',
      field: ['input', 'name'],
      message: "The quantity name must be either 'available' or 'on_hand'.",
    });
  if (!inventoryReasons.has(input.reason))
    errors.push({
      code: 'INVALID_REASON',
      field: ['input', 'reason'],
      message: 'The specified reason is invalid.',
    });
  if (input.referenceDocumentUri != null && !validReference(input.referenceDocumentUri))
    errors.push({
      code: 'INVALID_REFERENCE_DOCUMENT',
      field: ['input', 'referenceDocumentUri'],
      message: 'The specified reference document is invalid.',
    });
  const pairs = new Set<string>();
  input.quantities.forEach((quantity, index) => {
    const field = (name: string) => ['input', 'quantities', String(index), name];
    const pair = `${quantity.inventoryItemId} ${quantity.locationId}`;
    if (pairs.has(pair))
      errors.push({
        code: 'NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR',
        field: field('locationId'),
        message: 'The combination of inventoryItemId and locationId must be unique.',
      });
    pairs.add(pair);
    if (casRequired(version) && !('changeFromQuantity' in quantity))
      errors.push({
        code: 'COMPARE_QUANTITY_REQUIRED',
        field: field('changeFromQuantity'),
        message: 'The changeFromQuantity argument must be given to each quantity (null to skip the check).',
      });
    if (!store.inventoryItems.some((item) => item.id === quantity.inventoryItemId))
      errors.push({
        code: 'INVALID_INVENTORY_ITEM',
        field: field('inventoryItemId'),
        message: 'The specified inventory item could not be found.',
      });
    else if (!store.locations.some((location) => location.id === quantity.locationId))
      errors.push({
        code: 'INVALID_LOCATION',
        field: field('locationId'),
        message: 'The specified location could not be found.',
      });
    else if (!inventoryLevelOf(store, quantity.inventoryItemId, quantity.locationId))
      errors.push({
        code: 'ITEM_NOT_STOCKED_AT_LOCATION',
        field: field('locationId'),
        message: 'The specified inventory item is not stocked at the location.',
      });
    else if (
      quantity.changeFromQuantity != null &&
      quantity.changeFromQuantity !==
        quantityAt(store, quantity.inventoryItemId, quantity.locationId, input.name)
    )
      errors.push({
        code: 'CHANGE_FROM_QUANTITY_STALE',
        field: field('changeFromQuantity'),
        message: 'The changeFromQuantity value does not match persisted value.',
      });
    if (quantity.quantity < 0)
      errors.push({
        code: 'INVALID_QUANTITY_NEGATIVE',
        field: field('quantity'),
        message: "The quantity can't be negative.",
      });
    if (quantity.quantity > 1_000_000_000)
      errors.push({
        code: 'INVALID_QUANTITY_TOO_HIGH',
        field: field('quantity'),
        message: "The total quantity can't be higher than 1,000,000,000.",
      });
  });
  return errors;
}

/**
 * All or nothing, like Shopify: any userError leaves every quantity as it was. With a key, a repeat
 * of the same input answers what the first request answered without changing anything again; the
 * same key with other input is IDEMPOTENCY_KEY_PARAMETER_MISMATCH, and after a refused request
 * IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED ("retry with a new idempotency key"),
 * https://shopify.dev/docs/api/usage/implementing-idempotency.
 */
export function inventorySetQuantities(
  input: InventorySetQuantitiesInput,
  context: SimContext,
  key: string | null,
) {
  const { store, apiVersion } = context;
  if (!key && casRequired(apiVersion))
    throw new GraphQLError(
      'An idempotency key is required for inventorySetQuantities: use @idempotent(key:).',
      {
        extensions: { code: 'BAD_REQUEST' },
      },
    );
  const fingerprint = JSON.stringify(input);
  const previous = key ? store.idempotencyKeys.get(key) : undefined;
  if (previous) {
    if (previous.fingerprint !== fingerprint)
      return refused([
        {
          code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH',
          field: [],
          message: 'The same idempotency key cannot be used with different operation parameters.',
        },
      ]);
    if (previous.failed)
      return refused([
        {
          code: 'IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED',
          field: [],
          message: 'A previous request with this idempotency key failed. Retry with a new idempotency key.',
        },
      ]);
    return previous.payload;
  }
  const errors = setQuantitiesErrors(store, input, apiVersion);
  if (errors.length > 0) {
    if (key) store.idempotencyKeys.set(key, { fingerprint, failed: true, payload: null });
    return refused(errors);
  }
  const at = new Date(store.now()).toISOString().replace('.000Z', 'Z');
  const changes = input.quantities.flatMap((quantity) => {
    const from = quantityAt(store, quantity.inventoryItemId, quantity.locationId, input.name);
    const delta = setQuantity(
      store,
      quantity.inventoryItemId,
      quantity.locationId,
      quantity.quantity,
      input.name as 'available' | 'on_hand',
    );
    store.inventoryChanges.push({
      inventoryItemId: quantity.inventoryItemId,
      locationId: quantity.locationId,
      name: input.name,
      from,
      to: quantity.quantity,
      reason: input.reason,
      referenceDocumentUri: input.referenceDocumentUri ?? null,
      idempotencyKey: key,
      at,
    });
    return ['available', 'on_hand'].map((name) => ({
      name,
      delta,
      quantityAfterChange: quantityAt(store, quantity.inventoryItemId, quantity.locationId, name),
      itemId: quantity.inventoryItemId,
      locationId: quantity.locationId,
    }));
  });
  store.counter += 1;
  const group = {
    __typename: 'InventoryAdjustmentGroup',
    id: `gid://shopify/InventoryAdjustmentGroup/${640_000_000 + store.counter}`,
    createdAt: at,
    reason: input.reason,
    referenceDocumentUri: input.referenceDocumentUri ?? null,
    changes: (args: {
      inventoryItemIds?: string[] | null;
      locationIds?: string[] | null;
      quantityNames?: string[] | null;
    }) =>
      changes
        .filter(
          (change) =>
            (!args.inventoryItemIds || args.inventoryItemIds.includes(change.itemId)) &&
            (!args.locationIds || args.locationIds.includes(change.locationId)) &&
            (!args.quantityNames || args.quantityNames.includes(change.name)),
        )
        .map((change) => ({
          name: change.name,
          delta: change.delta,
          quantityAfterChange: change.quantityAfterChange,
          item: () => nodeById(store, change.itemId),
          location: () => nodeById(store, change.locationId),
        })),
  };
  const payload = { inventoryAdjustmentGroup: group, userErrors: [] };
  if (key) store.idempotencyKeys.set(key, { fingerprint, failed: false, payload });
  return payload;
}

const refused = (userErrors: SetUserError[]) => ({ inventoryAdjustmentGroup: null, userErrors });
