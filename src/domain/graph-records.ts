import { z } from 'zod';
import { LANGS } from './lang';
import { EDGE_TYPES, edgePropSpecs, isAllowedEdge, type EdgeType } from './edge-types';
import { NODE_VOCABULARY, nodePropSpecs } from './node-vocabulary';
import { NODE_TYPES, parseGlobalId, toGlobalId, type NodeType } from './node-types';
import { checkProps, type PropIssue } from './prop-spec';

/**
 * The records the graph is made of, as seeds store them and as every store
 * returns them. Property values are scalars or homogeneous arrays of scalars,
 * because that is what a Neo4j property can hold; `null` is never stored:
 * an unknown fact is an absent key.
 */

export { CONFIDENCES, type Confidence } from './confidences';
import { CONFIDENCES } from './confidences';

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

/**
 * A node record's shape: fields, names, provenance and `id = "<type>:<code>"`,
 * without the vocabulary's rules for its type. For code that handles records
 * of any content (generated test graphs); everything that admits data uses
 * {@link graphNodeSchema}.
 */
export const graphNodeShapeSchema = z
  .object({
    id: nonEmpty,
    type: z.enum(NODE_TYPES),
    code: nonEmpty,
    name: localizedSchema,
    props: propsSchema.default({}),
    provenance: provenanceSchema,
  })
  .strict()
  .refine((n) => n.id === toGlobalId(n.type, n.code), { message: 'id is "<type>:<code>"', path: ['id'] });

/**
 * A node record as the graph admits it: its shape, and the vocabulary of its
 * type (`NODE_VOCABULARY`): the form of its code, its props' types and enum
 * values, the facts between props and code. Seeds and every curation write
 * are parsed with it.
 */
export const graphNodeSchema = graphNodeShapeSchema.superRefine((n, ctx) => {
  const spec = NODE_VOCABULARY[n.type];
  if (!spec.code.test(n.code)) {
    ctx.addIssue(vocabularyIssue(['code'], { key: 'code', value: n.code, expected: `a ${n.type} code matching ${String(spec.code)}` }));
  }
  for (const issue of checkProps(nodePropSpecs(n.type), n.props)) ctx.addIssue(vocabularyIssue(['props', issue.key], issue));
  for (const rule of spec.rules ?? []) {
    const issue = rule(n);
    if (issue) ctx.addIssue(vocabularyIssue(['props', issue.key], issue));
  }
});
export type GraphNode = z.infer<typeof graphNodeSchema>;

/** An edge record's shape and the node types its type may join, without its type's props (see {@link graphNodeShapeSchema}). */
export const graphEdgeShapeSchema = z
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

/** An edge record as the graph admits it: its shape, and its type's props (`edgePropSpecs`). */
export const graphEdgeSchema = graphEdgeShapeSchema.superRefine((e, ctx) => {
  for (const issue of checkProps(edgePropSpecs(e.type), e.props)) ctx.addIssue(vocabularyIssue(['props', issue.key], issue));
});
export type GraphEdge = z.infer<typeof graphEdgeSchema>;

/**
 * The zod issue of a value the vocabulary refuses: the message names the
 * value and what was expected, and `params` carries both for the GraphQL
 * error's extensions (`value`, `expected`).
 */
function vocabularyIssue(path: (string | number)[], issue: PropIssue) {
  const shown = issue.value === undefined ? 'nothing' : JSON.stringify(issue.value);
  return {
    code: 'custom' as const,
    path,
    message: `${issue.key} is ${shown}; expected ${issue.expected}`,
    params: { value: issue.value ?? null, expected: issue.expected },
  };
}

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
