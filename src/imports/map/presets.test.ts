import { describe, expect, it } from 'vitest';
import { detectSource, entityFields, mapColumns, normaliseHeader, presets } from './index.ts';
import { looksLikeStub, readExportFixture } from './test-support.ts';

describe('preset definitions', () => {
  it.each(presets.map((preset) => [preset.label, preset] as const))('%s is consistent', (_, preset) => {
    const names = new Set(entityFields[preset.entity].map((spec) => spec.name));
    for (const field of [...Object.values(preset.mapping), ...Object.values(preset.fallback ?? {})]) {
      if (field !== null) expect(names.has(field), field).toBe(true);
    }
    const keys = preset.headers.map(normaliseHeader);
    expect(new Set(keys).size).toBe(keys.length);
    for (const header of preset.signature ?? []) expect(keys).toContain(normaliseHeader(header));
    // Each field comes from one column of the export at most.
    const mapped = preset.headers.map((header) => preset.mapping[header]).filter((field) => field);
    expect(new Set(mapped).size).toBe(mapped.length);
    expect(preset.evidence.source.length).toBeGreaterThan(20);
    // Its own header row is recognised as itself, not as another system.
    expect(detectSource(preset.headers)?.preset).toBe(preset);
  });

  it('M-PESA presets are payments and say that withdrawals are not payments', () => {
    for (const preset of presets.filter((p) => p.system.startsWith('mpesa'))) {
      expect(preset.entity).toBe('payments');
      expect(preset.notes).toMatch(/Paid In/);
      expect(preset.parse).toBeDefined();
    }
  });
});

describe('exports mapped without their preset', () => {
  it('maps a personal M-PESA statement through the synonyms alone', () => {
    const { headers, samples } = readExportFixture('mpesa-personal-statement.csv');
    const fields = mapColumns('payments', headers, samples, { looksLike: looksLikeStub }).map((c) => c.field);
    expect(fields).toEqual(['reference', 'paid_at', null, null, 'amount', null, null]);
  });

  it('maps Shopify customers mostly by name, and leaves the consent columns out', () => {
    const { headers, samples } = readExportFixture('shopify-customers.csv');
    const mapping = mapColumns('customers', headers, samples, { looksLike: looksLikeStub });
    const field = (header: string) => mapping.find((c) => c.column === header)?.field;
    expect(field('First Name')).toBe('first_name');
    expect(field('Email')).toBe('email');
    expect(field('Phone')).toBe('phone');
    expect(field('Default Address City')).toBe('city');
    expect(field('Accepts Email Marketing')).toBeNull();
    expect(field('Accepts SMS Marketing')).toBeNull();
  });

  it('a preset for another entity is not applied', () => {
    const { headers, samples } = readExportFixture('hubspot-contacts.csv');
    const preset = detectSource(headers)?.preset;
    expect(preset?.entity).toBe('leads');
    const mapping = mapColumns('customers', headers, samples, {
      ...(preset ? { preset } : {}),
      looksLike: looksLikeStub,
    });
    expect(mapping.every((column) => column.reason !== 'preset')).toBe(true);
    expect(mapping.find((column) => column.column === 'Email')?.field).toBe('email');
  });

  it('a business statement without "Other Party Info" takes the payer from Details', () => {
    const { headers, samples } = readExportFixture('mpesa-business-statement.csv');
    const keep = headers
      .map((header, index) => ({ header, index }))
      .filter(({ header }) => header !== 'Other Party Info');
    const trimmedHeaders = keep.map(({ header }) => header);
    const preset = detectSource(trimmedHeaders)?.preset;
    expect(preset?.system).toBe('mpesa-business');
    if (!preset) return;
    const mapping = mapColumns(
      'payments',
      trimmedHeaders,
      keep.map(({ index }) => samples[index] ?? []),
      { preset },
    );
    expect(mapping.find((column) => column.column === 'Details')?.field).toBe('payer_name');
  });
});
