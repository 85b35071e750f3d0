/** The connectors that are built, and the catalogue of every system with its availability. */
import { customWebhook } from './custom/index.ts';
import type { AnyConnector, ConnectorCategory } from './define.ts';
import { mpesaDaraja } from './mpesa/index.ts';
import { shopify } from './shopify/index.ts';
import { type SystemEntry, systems } from './systems.ts';
import { woocommerce } from './woocommerce/index.ts';

export const builtConnectors: readonly AnyConnector[] = [shopify, woocommerce, mpesaDaraja, customWebhook];

const byId = new Map(builtConnectors.map((connector) => [connector.id, connector]));

export function findConnector(id: string): AnyConnector | undefined {
  return byId.get(id);
}

export interface CatalogueEntry extends SystemEntry {
  available: boolean;
  realtime: boolean;
}

export function catalogue(): CatalogueEntry[] {
  return systems.map((system) => {
    const connector = byId.get(system.id);
    return { ...system, available: connector !== undefined, realtime: connector?.realtime ?? false };
  });
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Systems matching a name, alias or category as an owner would type it ("mpesa", "accounting"). */
export function searchCatalogue(query?: string, category?: ConnectorCategory): CatalogueEntry[] {
  const words = query ? normalise(query) : '';
  return catalogue().filter((entry) => {
    if (category && entry.category !== category) return false;
    if (!words) return true;
    const names = [entry.id, entry.name, entry.category, ...(entry.aliases ?? [])].map(normalise);
    return names.some((name) => name.includes(words) || words.includes(name));
  });
}

/** The one system a free-text name points at, preferring a built connector. */
export function resolveSystem(name: string): CatalogueEntry | undefined {
  const matches = searchCatalogue(name);
  return matches.find((entry) => entry.available) ?? matches[0];
}
