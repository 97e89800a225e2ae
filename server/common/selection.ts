import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Whether the field being resolved selects `path` (e.g. 'byProgramme', 'beneficiaries'), directly or through fragments. */
export function selectsPath(info: GraphQLResolveInfo, ...path: string[]): boolean {
  return info.fieldNodes.some((node) => selects(node.selectionSet, path, info));
}

function selects(selection: SelectionSetNode | undefined, path: readonly string[], info: GraphQLResolveInfo): boolean {
  const [field, ...rest] = path;
  return (selection?.selections ?? []).some((node) => {
    if (node.kind === Kind.FIELD) return node.name.value === field && (rest.length === 0 || selects(node.selectionSet, rest, info));
    if (node.kind === Kind.INLINE_FRAGMENT) return selects(node.selectionSet, path, info);
    return selects(info.fragments[node.name.value]?.selectionSet, path, info);
  });
}
