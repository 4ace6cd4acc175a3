import { z } from 'zod';
import { LANGS } from './lang';
import { EDGE_TYPES, isAllowedEdge, type EdgeType } from './edge-types';
import { NODE_TYPES, parseGlobalId, toGlobalId, type NodeType } from './node-types';

/**
 * The records the graph is made of, as seeds store them and as every store
 * returns them. Property values are scalars or homogeneous arrays of scalars,
 * because that is what a Neo4j property can hold; `null` is never stored:
 * an unknown fact is an absent key.
 */

export const CONFIDENCES = ['source', 'recalled', 'derived'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

const nonEmpty = z.string().trim().min(1);

/** Where a fact was read: a document symbol and paragraph, a URL, or both. */
export const sourceRefSchema = z
  .object({
    document: nonEmpty.optional(),
    paragraph: nonEmpty.optional(),
    url: nonEmpty.optional(),
  })
  .strict()
  .refine((s) => s.document !== undefined || s.url !== undefined, {
    message: 'a source names a document or a url',
  });
export type SourceRef = z.infer<typeof sourceRefSchema>;

/**
 * Provenance of a node or an edge. `derived` facts say how they were derived
 * in `method`; `flags` keep the reference data's conflict and quality markers
 * (e.g. `matrix_views_disagree`).
 */
export const provenanceSchema = z
  .object({
    sources: z.array(sourceRefSchema).min(1),
    confidence: z.enum(CONFIDENCES),
    method: nonEmpty.optional(),
    flags: z.array(nonEmpty).optional(),
    notes: z.array(nonEmpty).optional(),
  })
  .strict()
  .refine((p) => p.confidence !== 'derived' || p.method !== undefined, {
    message: 'a derived fact says how it was derived (method)',
    path: ['method'],
  });
export type Provenance = z.infer<typeof provenanceSchema>;

const scalar = z.union([z.string(), z.number(), z.boolean()]);
export const propValueSchema = z.union([scalar, z.array(z.string()), z.array(z.number()), z.array(z.boolean())]);
export type PropValue = z.infer<typeof propValueSchema>;
export const propsSchema = z.record(z.string().regex(/^[a-z][a-zA-Z0-9_]*$/), propValueSchema);
export type Props = z.infer<typeof propsSchema>;

const localizedSchema = z
  .object(Object.fromEntries(LANGS.map((lang) => [lang, lang === 'en' ? nonEmpty : nonEmpty.optional()])) as {
    en: typeof nonEmpty;
  } & Record<Exclude<(typeof LANGS)[number], 'en'>, z.ZodOptional<typeof nonEmpty>>)
  .strict();

export const graphNodeSchema = z
  .object({
    id: nonEmpty,
    type: z.enum(NODE_TYPES),
    code: nonEmpty,
    name: localizedSchema,
    props: propsSchema.default({}),
    provenance: provenanceSchema,
  })
  .strict()
  .refine((n) => n.id === toGlobalId(n.type, n.code), {
    message: 'id is "<type>:<code>"',
    path: ['id'],
  });
export type GraphNode = z.infer<typeof graphNodeSchema>;

export const graphEdgeSchema = z
  .object({
    id: nonEmpty,
    type: z.enum(EDGE_TYPES as [EdgeType, ...EdgeType[]]),
    from: nonEmpty,
    to: nonEmpty,
    props: propsSchema.default({}),
    provenance: provenanceSchema,
  })
  .strict()
  .superRefine((e, ctx) => {
    const from = parseGlobalId(e.from);
    const to = parseGlobalId(e.to);
    if (!from) ctx.addIssue({ code: 'custom', path: ['from'], message: `"${e.from}" is not a global id` });
    if (!to) ctx.addIssue({ code: 'custom', path: ['to'], message: `"${e.to}" is not a global id` });
    if (from && to && !isAllowedEdge(e.type, from.type, to.type)) {
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: `${e.type} does not join ${from.type} to ${to.type}`,
      });
    }
  });
export type GraphEdge = z.infer<typeof graphEdgeSchema>;

/** The type of the node at the end of an id, trusting it was validated. */
export function nodeTypeOf(id: string): NodeType {
  const parsed = parseGlobalId(id);
  if (!parsed) throw new Error(`"${id}" is not a global id`);
  return parsed.type;
}

/** The conventional edge id: type, ends and an optional discriminator (e.g. a paragraph). */
export function toEdgeId(type: EdgeType, from: string, to: string, discriminator?: string): string {
  return discriminator ? `${type}|${from}|${to}|${discriminator}` : `${type}|${from}|${to}`;
}
