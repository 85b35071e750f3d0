/**
 * Query cost as Shopify calculates it (https://shopify.dev/docs/api/usage/rate-limits#cost-calculation),
 * approximately but deterministically, so the connector's page sizes can be checked against it:
 *
 * - scalars and enums: 0; every object: 1; `pageInfo`: included in its connection's 2;
 * - a connection: 2 + `first` × (1 + the cost of one node's selection);
 * - `nodes(ids:)`: one object per id; other lists of objects: one object;
 * - inline fragments on an interface: the most expensive fragment;
 * - a mutation: 10 per root field.
 *
 * The requested cost is computed before running; the actual cost walks the returned data the same
 * way, counting the nodes a connection really returned (what Shopify charges after a refund).
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  getOperationAST,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';

interface Walk {
  schema: GraphQLSchema;
  variables: Record<string, unknown>;
  fragments: Map<string, FragmentDefinitionNode>;
  /** Walk the returned data (actual cost) instead of the arguments (requested cost). */
  actual: boolean;
}

type Json = Record<string, unknown> | null | undefined;

function argumentsOf(field: FieldNode, walk: Walk): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const argument of field.arguments ?? [])
    args[argument.name.value] = valueFromASTUntyped(argument.value, walk.variables);
  return args;
}

function selectionCost(
  walk: Walk,
  selectionSet: SelectionSetNode | undefined,
  type: GraphQLCompositeType,
  value: Json,
): number {
  if (!selectionSet) return 0;
  let fields = 0;
  let fragments = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) fields += fieldCost(walk, selection, type, value);
    else {
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT ? selection : walk.fragments.get(selection.name.value);
      if (!fragment) continue;
      const condition = fragment.typeCondition
        ? walk.schema.getType(fragment.typeCondition.name.value)
        : type;
      if (condition && isCompositeType(condition))
        fragments = Math.max(fragments, selectionCost(walk, fragment.selectionSet, condition, value));
    }
  }
  return fields + fragments;
}

/** The cost of one node of a connection, through `nodes { … }` or `edges { node { … } }`. */
function nodeCost(walk: Walk, field: FieldNode, connectionType: GraphQLCompositeType, node: Json): number {
  if (!isObjectType(connectionType)) return 1;
  const nodeType = getNamedType(connectionType.getFields().nodes?.type);
  if (!nodeType || !isCompositeType(nodeType)) return 1;
  let cost = 0;
  for (const selection of field.selectionSet?.selections ?? []) {
    if (selection.kind !== Kind.FIELD) continue;
    if (selection.name.value === 'nodes')
      cost = Math.max(cost, selectionCost(walk, selection.selectionSet, nodeType, node));
    if (selection.name.value === 'edges')
      for (const inner of selection.selectionSet?.selections ?? [])
        if (inner.kind === Kind.FIELD && inner.name.value === 'node')
          cost = Math.max(cost, selectionCost(walk, inner.selectionSet, nodeType, node));
  }
  return 1 + cost;
}

function connectionNodes(value: unknown): Json[] {
  const connection = value as { nodes?: Json[]; edges?: { node: Json }[] } | null | undefined;
  return connection?.nodes ?? connection?.edges?.map((edge) => edge.node) ?? [];
}

function fieldCost(walk: Walk, field: FieldNode, parent: GraphQLCompositeType, value: Json): number {
  const name = field.name.value;
  if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) return 0;
  const definition = parent.getFields()[name];
  if (!definition) return 0;
  const type = getNamedType(definition.type);
  if (!isCompositeType(type)) return 0;
  if (parent === walk.schema.getMutationType()) return 10;
  const args = argumentsOf(field, walk);
  const returned = walk.actual ? (value?.[field.alias?.value ?? name] as unknown) : undefined;
  if (type.name.endsWith('Connection')) {
    if (walk.actual) {
      if (!returned) return 0;
      return 2 + connectionNodes(returned).reduce((sum, node) => sum + nodeCost(walk, field, type, node), 0);
    }
    const size = Number(args.first ?? args.last ?? 0);
    return 2 + size * nodeCost(walk, field, type, undefined);
  }
  if (isListType(getNullableType(definition.type))) {
    if (walk.actual)
      return ((returned as Json[] | undefined) ?? [])
        .filter(Boolean)
        .reduce((sum, item) => sum + 1 + selectionCost(walk, field.selectionSet, type, item), 0);
    const count = Array.isArray(args.ids) ? args.ids.length : 1;
    return count * (1 + selectionCost(walk, field.selectionSet, type, undefined));
  }
  if (walk.actual && (returned === null || returned === undefined)) return 0;
  return 1 + selectionCost(walk, field.selectionSet, type, returned as Json);
}

function walkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
  data: Json,
  actual: boolean,
): number {
  const operation = getOperationAST(document, operationName);
  if (!operation) return 0;
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  const fragments = new Map(
    document.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((definition) => [definition.name.value, definition]),
  );
  return selectionCost({ schema, variables, fragments, actual }, operation.selectionSet, root, data);
}

export function requestedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string,
): number {
  return walkOperation(schema, document, variables, operationName, undefined, false);
}

export function actualCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  data: Json,
  operationName?: string,
): number {
  return walkOperation(schema, document, variables, operationName, data, true);
}
