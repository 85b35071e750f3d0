import { z } from 'zod';
import { resolveConnection, saveSettings } from '../../sync/connections.ts';
import { syncEntities } from '../../sync/records.ts';
import { mappingDirections, parseSettings, transformSchema } from '../../sync/settings.ts';
import { defineTool, type ToolContext } from '../define.ts';

const input = z.object({
  system: z.string().trim().min(1).max(60),
  entity: z.enum(syncEntities),
  field: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .describe('The Kiungo field it sets, e.g. "phone", "city", "status"'),
  from: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Where in the other system\'s record, e.g. "billing.phone"'),
  transforms: z.array(transformSchema).max(10).default([]),
  direction: z.enum(mappingDirections).default('inbound'),
  remove: z.boolean().default(false).describe("Remove this field's mapping instead"),
});

async function plan({ deps, context }: ToolContext, values: z.output<typeof input>) {
  const connection = await resolveConnection(deps, context, values.system);
  const settings = parseSettings(connection.settings);
  const others = settings.fieldMappings.filter(
    (mapping) => !(mapping.entity === values.entity && mapping.field === values.field),
  );
  const mapping = {
    entity: values.entity,
    field: values.field,
    transforms: values.transforms,
    direction: values.direction,
    ...(values.from ? { from: values.from } : {}),
  };
  const fieldMappings = values.remove ? others : [...others, mapping];
  return { connection, settings: { ...settings, fieldMappings }, mapping };
}

function describe(values: z.output<typeof input>): string {
  if (values.remove) return `remove the mapping of ${values.entity} ${values.field}`;
  const steps = values.transforms.map((transform) => transform.kind.replace('_', ' ')).join(', ');
  return `${values.entity} ${values.field} ← ${values.from ?? 'the same field'}${steps ? ` (${steps})` : ''}, ${values.direction}`;
}

export const setFieldMapping = defineTool({
  name: 'set_field_mapping',
  title: 'Map a field',
  description:
    "Sets how one field of a connected system maps onto Kiungo's: where it comes from in the vendor's record, transforms (date format, case, value map, concat, split, lookup, default) and direction (inbound, outbound, both, off). Applies to every record synced afterwards. Needs the owner's confirmation.",
  scope: 'admin',
  confirm: true,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  input,
  async preview(tool, values) {
    const { connection } = await plan(tool, values);
    return {
      summary: `${connection.name}: ${describe(values)}`,
      details: { connection: connection.id, mapping: values },
    };
  },
  async run(tool, values) {
    const { connection, settings, mapping } = await plan(tool, values);
    await saveSettings(tool.deps, tool.context.tenant.id, connection.id, settings);
    return {
      data: { connection: connection.id, mapping, mappings: settings.fieldMappings.length },
      text: `${connection.name}: ${describe(values)}. It applies from the next sync.`,
    };
  },
});
