import { z } from 'zod';
import type { GraphNode } from '../domain/graph-records';

/**
 * Name variants kept apart from the node records (`seeds/names/*.json`):
 * the short names, acronyms and former names that documents use for a node
 * (`开发署` for UNDP, `国际电联` for ITU), each list with the source where
 * it was seen. They are merged into the node's `props.nameVariants` at load,
 * so the embedded store and `db:seed` index the same texts for search and
 * document linking, while the node records themselves stay the data's.
 *
 *   [{ "node": "Entity:UNDP", "variants": ["开发署"], "source": { "document": "seed 000…txt", "paragraph": "3.2" } }]
 */
export const nameVariantsRecordSchema = z
  .object({
    node: z.string().min(1),
    variants: z.array(z.string().trim().min(1)).min(1),
    source: z
      .object({
        document: z.string().min(1).optional(),
        paragraph: z.string().min(1).optional(),
        url: z.string().url().optional(),
        note: z.string().min(1).optional(),
      })
      .strict()
      .refine((s) => s.document !== undefined || s.url !== undefined, { message: 'a source names its document or url' }),
  })
  .strict();
export type NameVariantsRecord = z.infer<typeof nameVariantsRecordSchema>;

/** The prop the merged variants go to (one of the name props search reads). */
export const NAME_VARIANTS_PROP = 'nameVariants';

/**
 * Returns `nodes` with each record's variants appended (once each, in file
 * order, after any the node already holds) to `props.nameVariants`; nodes
 * without variants are returned as they were. `unknown` lists the node ids
 * no record matched, for `seeds:check` to report.
 */
export function mergeNameVariants(
  nodes: readonly GraphNode[],
  records: readonly NameVariantsRecord[],
): { nodes: GraphNode[]; unknown: string[] } {
  const wanted = new Map<string, string[]>();
  for (const record of records) {
    const list = wanted.get(record.node) ?? [];
    list.push(...record.variants);
    wanted.set(record.node, list);
  }
  const seen = new Set<string>();
  const merged = nodes.map((node) => {
    const variants = wanted.get(node.id);
    if (!variants) return node;
    seen.add(node.id);
    const existing = node.props[NAME_VARIANTS_PROP];
    const before = Array.isArray(existing) ? existing.filter((v): v is string => typeof v === 'string') : [];
    return { ...node, props: { ...node.props, [NAME_VARIANTS_PROP]: [...new Set([...before, ...variants])] } };
  });
  return { nodes: merged, unknown: [...wanted.keys()].filter((id) => !seen.has(id)).sort() };
}
