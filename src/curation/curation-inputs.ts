import { z } from 'zod';
import { EDGE_TYPES, type EdgeType } from '../domain/edge-types';
import { BadUserInputError } from '../domain/errors';
import { CONFIDENCES, type PropValue, type Props, type Provenance } from '../domain/graph-records';
import { LANGS, type LocalizedText } from '../domain/lang';
import { NODE_TYPES, parseGlobalId } from '../domain/node-types';

/**
 * The zod schemas of the curation inputs (the GraphQL input types of
 * `schema/curation.graphql`, after GraphQL has checked their types) and their
 * conversion to graph records. Bounds keep one request's cost small; the
 * records built are validated again by the domain schemas.
 */
export const LIMITS = {
  text: 10_000,
  code: 200,
  list: 500,
  props: 100,
  sources: 50,
  changes: 500,
  assertions: 2_000,
} as const;

const noControl = /^[^\p{Cc}]*$/u;
const wellFormed = (text: string) => !/\p{Cs}/u.test(text); // no lone surrogate halves
/** A one-line string: trimmed, non-empty, bounded, well-formed Unicode, no control characters. */
export const lineText = (max: number = LIMITS.text) =>
  z
    .string()
    .trim()
    .min(1, 'a non-empty text')
    .max(max, `a text of at most ${max} characters`)
    .regex(noControl, 'a text without control characters')
    .refine(wellFormed, 'well-formed Unicode text');
/** A free text that may hold tabs and line breaks. */
const freeText = z
  .string()
  .trim()
  .min(1, 'a non-empty text')
  .max(LIMITS.text, `a text of at most ${LIMITS.text} characters`)
  .regex(/^[^\0-\x08\x0b\x0c\x0e-\x1f\x7f]*$/, 'a text without control characters other than tabs and line breaks')
  .refine(wellFormed, 'well-formed Unicode text');
/** A code: at most 200 characters, no `|` (the edge id separator) and no control characters. */
export const codeText = lineText(LIMITS.code).regex(/^[^|]*$/, 'a code without "|"');

export const globalIdText = z
  .string()
  .max(LIMITS.code + 20, 'a global id of at most 220 characters')
  .refine((id) => parseGlobalId(id) !== null, `a global id "<Type>:<code>" with Type one of ${NODE_TYPES.join(', ')}`);

export const localizedInput = z
  .object(Object.fromEntries(LANGS.map((lang) => [lang, lang === 'en' ? lineText() : lineText().nullish()])) as Record<string, z.ZodType>)
  .strict();

const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, `a list of at most ${max} items`);

export const sourceInput = z
  .object({ document: lineText().nullish(), paragraph: lineText(LIMITS.code).nullish(), url: z.url('a URL').max(2000).nullish() })
  .strict()
  .refine((s) => s.document != null || s.url != null, 'a source with a document or a url');

export const provenanceInput = z
  .object({
    sources: list(sourceInput, LIMITS.sources).min(1, 'at least one source'),
    confidence: z.enum(CONFIDENCES),
    method: lineText().nullish(),
    flags: list(lineText(LIMITS.code), LIMITS.list).nullish(),
    notes: list(freeText, LIMITS.list).nullish(),
  })
  .strict()
  .refine((p) => p.confidence !== 'derived' || p.method != null, { message: 'a method for a DERIVED fact', path: ['method'] });

const PROP_VALUE_FIELDS = ['string', 'number', 'boolean', 'strings', 'numbers', 'booleans'] as const;
export const propInput = z
  .object({
    key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,63}$/, 'a property key in camelCase (a letter, then letters, digits or _; at most 64)'),
    string: freeText.nullish(),
    number: z.number().finite().nullish(),
    boolean: z.boolean().nullish(),
    strings: list(freeText, LIMITS.list).nullish(),
    numbers: list(z.number().finite(), LIMITS.list).nullish(),
    booleans: list(z.boolean(), LIMITS.list).nullish(),
  })
  .strict()
  .refine((p) => PROP_VALUE_FIELDS.filter((field) => p[field] != null).length === 1, 'exactly one of string, number, boolean, strings, numbers, booleans');

const propsInput = list(propInput, LIMITS.props).refine(
  (props) => new Set(props.map((p) => p.key)).size === props.length,
  'each property key once',
);
const keysInput = list(z.string().regex(/^[a-z][a-zA-Z0-9_]{0,63}$/, 'a property key'), LIMITS.props);

export const nodeInput = z
  .object({
    type: z.enum(NODE_TYPES),
    code: codeText,
    name: localizedInput,
    props: propsInput.nullish(),
    provenance: provenanceInput,
  })
  .strict();

export const nodeUpdateInput = z
  .object({
    id: globalIdText,
    name: localizedInput.nullish(),
    props: propsInput.nullish(),
    removeProps: keysInput.nullish(),
    provenance: provenanceInput.nullish(),
  })
  .strict();

export const linkInput = z
  .object({
    type: z.enum(EDGE_TYPES as [EdgeType, ...EdgeType[]]),
    from: globalIdText,
    to: globalIdText,
    discriminator: codeText.nullish(),
    props: propsInput.nullish(),
    provenance: provenanceInput,
  })
  .strict();

export const linkUpdateInput = z
  .object({
    id: lineText(1000),
    props: propsInput.nullish(),
    removeProps: keysInput.nullish(),
    provenance: provenanceInput.nullish(),
  })
  .strict();

const CHANGE_KINDS = ['createNode', 'updateNode', 'deleteNode', 'createLink', 'updateLink', 'deleteLink'] as const;
export const changeInput = z
  .object({
    createNode: nodeInput.nullish(),
    updateNode: nodeUpdateInput.nullish(),
    deleteNode: globalIdText.nullish(),
    createLink: linkInput.nullish(),
    updateLink: linkUpdateInput.nullish(),
    deleteLink: lineText(1000).nullish(),
  })
  .strict()
  .refine((c) => CHANGE_KINDS.filter((kind) => c[kind] != null).length === 1, `exactly one of ${CHANGE_KINDS.join(', ')}`);

export type NodeInput = z.infer<typeof nodeInput>;
export type NodeUpdateInput = z.infer<typeof nodeUpdateInput>;
export type LinkInput = z.infer<typeof linkInput>;
export type LinkUpdateInput = z.infer<typeof linkUpdateInput>;
export type ChangeInput = z.infer<typeof changeInput>;
export type ProvenanceInput = z.infer<typeof provenanceInput>;
export type SourceInput = z.infer<typeof sourceInput>;
export type PropInput = z.infer<typeof propInput>;

/**
 * Parses `value` with `schema`, or throws `BAD_USER_INPUT` naming the
 * argument at fault (`prefix` then the issue's path, e.g.
 * `changes.2.createNode.code`) and what was expected.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw badInput(result.error.issues[0]!, prefix);
}

/**
 * The `BAD_USER_INPUT` error of a zod issue, at `prefix` + the issue's path.
 * A vocabulary issue (a prop outside its enum, a code of the wrong form)
 * also carries the `value` found; `expected` says what would fit.
 */
export function badInput(issue: z.core.$ZodIssue, prefix: string): BadUserInputError {
  const argument = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.') || 'arguments';
  const params = issue.code === 'custom' ? (issue.params as { value?: unknown; expected?: string } | undefined) : undefined;
  if (params?.expected !== undefined) {
    return new BadUserInputError(`Argument "${argument}" is invalid: ${issue.message}.`, { argument, value: params.value ?? null, expected: params.expected });
  }
  return new BadUserInputError(`Argument "${argument}" is invalid: ${issue.message}.`, { argument, expected: issue.message });
}

/** A localized text without absent languages. */
export function toLocalized(input: Record<string, unknown>): LocalizedText {
  return Object.fromEntries(Object.entries(input).filter(([, text]) => text != null)) as LocalizedText;
}

/** The provenance record of an input, without absent fields. */
export function toProvenance(input: ProvenanceInput): Provenance {
  return {
    sources: input.sources.map((s) =>
      Object.fromEntries(Object.entries(s).filter(([, value]) => value != null)),
    ) as Provenance['sources'],
    confidence: input.confidence,
    ...(input.method != null ? { method: input.method } : {}),
    ...(input.flags != null && input.flags.length > 0 ? { flags: input.flags } : {}),
    ...(input.notes != null && input.notes.length > 0 ? { notes: input.notes } : {}),
  };
}

/** Applies `set` then `remove` to `props`. */
export function mergeProps(props: Props, set: readonly PropInput[] | null | undefined, remove?: readonly string[] | null): Props {
  const next: Props = { ...props };
  for (const prop of set ?? []) next[prop.key] = propValueOf(prop);
  for (const key of remove ?? []) delete next[key];
  return next;
}

function propValueOf(prop: PropInput): PropValue {
  for (const field of PROP_VALUE_FIELDS) {
    const value = prop[field];
    if (value != null) return value as PropValue;
  }
  throw new Error('unreachable: propInput checks that one value is given');
}
