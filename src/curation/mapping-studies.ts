import { z } from 'zod';
import { BadUserInputError, ConflictError, NotFoundError } from '../domain/errors';
import { toEdgeId, type GraphEdge, type GraphNode, type Props, type Provenance } from '../domain/graph-records';
import { parseGlobalId, toGlobalId } from '../domain/node-types';
import type { GraphReads, GraphStore } from '../store/graph-store';
import type { ChangePlanner } from './change-planner';
import { codeText, LIMITS, lineText, localizedInput, sourceInput, toLocalized, toProvenance } from './curation-inputs';
import { compareIdsByCode, type MappingAssertion } from './compare-mappings';

/**
 * Mapping studies: a working group's named, versioned set of assertions that
 * an action line serves an SDG target or goal, each with its rationale.
 *
 * - A study version is a `MappingStudy` node with code `"<slug>/v<version>"`
 *   (id `MappingStudy:wg-inclusion/v1`) and props `slug`, `version`,
 *   `status` (`draft` | `published`), `authors`, `description`, `publishedAt`,
 *   `revisionOf`.
 * - Each assertion is a `STUDY_LINK` from the action line to the target or
 *   goal, with props `study` (the version's id) and `rationale`; its id is
 *   `STUDY_LINK|<action line id>|<sdg id>|<slug>/v<version>`.
 * - A draft can be edited; publishing freezes it (every later change is
 *   `CONFLICT`); revising a published version starts the next version as a
 *   draft holding a copy of its assertions.
 *
 * Studies are plain nodes and links through the store port, so they are
 * journaled, audited and replayed like every other write, on either store.
 */
export const STUDY_STATUSES = ['draft', 'published'] as const;

export const slugText = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a slug of lowercase letters, digits and "-", at most 63 characters, e.g. "wg-inclusion"');

const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, `a list of at most ${max} items`);

export const studyInput = z
  .object({
    slug: slugText,
    title: localizedInput,
    authors: list(lineText(500), 200).min(1, 'at least one author'),
    description: lineText().nullish(),
    sources: list(sourceInput, LIMITS.sources).min(1, 'at least one source (the study document or its URL)'),
  })
  .strict();

export const studyUpdateInput = z
  .object({
    id: z.string().max(300),
    title: localizedInput.nullish(),
    authors: list(lineText(500), 200).min(1, 'at least one author').nullish(),
    description: lineText().nullish(),
    sources: list(sourceInput, LIMITS.sources).min(1, 'at least one source').nullish(),
  })
  .strict();

export const pairInput = z
  .object({ actionLine: codeText, target: codeText.nullish(), goal: codeText.nullish() })
  .strict()
  .refine((p) => (p.target != null) !== (p.goal != null), 'exactly one of target and goal');

export const assertionInput = z
  .object({
    actionLine: codeText,
    target: codeText.nullish(),
    goal: codeText.nullish(),
    rationale: lineText(),
    sources: list(sourceInput, LIMITS.sources).min(1).nullish(),
  })
  .strict()
  .refine((p) => (p.target != null) !== (p.goal != null), 'exactly one of target and goal');

export type StudyInput = z.infer<typeof studyInput>;
export type StudyUpdateInput = z.infer<typeof studyUpdateInput>;
export type PairInput = z.infer<typeof pairInput>;
export type AssertionInput = z.infer<typeof assertionInput>;

/** The id of a study version: `studyId('wg-inclusion', 2) === 'MappingStudy:wg-inclusion/v2'`. */
export function studyId(slug: string, version: number): string {
  return toGlobalId('MappingStudy', `${slug}/v${version}`);
}

/** Plans a new study, version 1, as a draft. `CONFLICT` when the slug is taken. */
export async function planCreateStudy(planner: ChangePlanner, input: StudyInput): Promise<GraphNode> {
  const id = studyId(input.slug, 1);
  if (await planner.node(id)) throw new ConflictError(`Mapping study "${input.slug}" already exists.`, { id, argument: 'input.slug' });
  const node: GraphNode = {
    id,
    type: 'MappingStudy',
    code: `${input.slug}/v1`,
    name: toLocalized(input.title),
    props: withoutAbsent({ slug: input.slug, version: 1, status: 'draft', authors: input.authors, description: input.description }),
    provenance: studyProvenance(input.sources),
  };
  planner.write({ op: 'createNode', node });
  return node;
}

/** Plans a change of a draft's title, authors, description or sources. */
export async function planUpdateStudy(planner: ChangePlanner, input: StudyUpdateInput): Promise<GraphNode> {
  const current = await requireDraft(planner, input.id, 'input.id');
  const props: Props = { ...current.props };
  if (input.authors) props.authors = input.authors;
  if (input.description != null) props.description = input.description;
  const node: GraphNode = {
    ...current,
    name: input.title ? toLocalized(input.title) : current.name,
    props,
    provenance: input.sources ? studyProvenance(input.sources) : current.provenance,
  };
  planner.write({ op: 'updateNode', node });
  return node;
}

/** Plans assertions into a draft: new pairs are added, a pair it already has gets the new rationale. */
export async function planAddAssertions(planner: ChangePlanner, id: string, assertions: readonly AssertionInput[]): Promise<GraphNode> {
  const study = await requireDraft(planner, id, 'study');
  // Every action line, SDG and existing assertion the call names, read at once (2,000 assertions in a
  // few store calls, not three each); the loop below then reads nothing.
  const named = assertions.map((assertion) => pairIds(assertion));
  await planner.prefetch({
    nodes: named.flatMap(({ actionLine, sdg }) => [actionLine, sdg]),
    edges: named.map(({ actionLine, sdg }) => toEdgeId('STUDY_LINK', actionLine, sdg, study.code)),
  });
  const seen = new Set<string>();
  for (const [index, assertion] of assertions.entries()) {
    const argument = `assertions.${index}`;
    const { actionLine, sdg } = await requirePair(planner, assertion, argument);
    const edgeId = toEdgeId('STUDY_LINK', actionLine, sdg, study.code);
    if (seen.has(edgeId)) {
      throw new BadUserInputError(`Argument "${argument}" is invalid: the pair is asserted twice.`, { argument, expected: 'each pair once' });
    }
    seen.add(edgeId);
    const edge: GraphEdge = {
      id: edgeId,
      type: 'STUDY_LINK',
      from: actionLine,
      to: sdg,
      props: { study: study.id, rationale: assertion.rationale },
      provenance: assertion.sources ? studyProvenance(assertion.sources) : study.provenance,
    };
    planner.write(await planner.edge(edgeId) ? { op: 'updateEdge', edge } : { op: 'createEdge', edge });
  }
  return study;
}

/** Plans the removal of pairs from a draft; `NOT_FOUND` for a pair it does not assert. */
export async function planRemoveAssertions(planner: ChangePlanner, id: string, pairs: readonly PairInput[]): Promise<GraphNode> {
  const study = await requireDraft(planner, id, 'study');
  const named = pairs.map((pair) => pairIds(pair));
  await planner.prefetch({
    nodes: named.flatMap(({ actionLine, sdg }) => [actionLine, sdg]),
    edges: named.map(({ actionLine, sdg }) => toEdgeId('STUDY_LINK', actionLine, sdg, study.code)),
  });
  for (const [index, pair] of pairs.entries()) {
    const { actionLine, sdg } = await requirePair(planner, pair, `pairs.${index}`);
    const edgeId = toEdgeId('STUDY_LINK', actionLine, sdg, study.code);
    if (!(await planner.edge(edgeId))) {
      throw new NotFoundError(`Mapping study "${id}" does not assert ${actionLine} → ${sdg}.`, { id: edgeId, argument: `pairs.${index}` });
    }
    planner.write({ op: 'deleteEdge', id: edgeId });
  }
  return study;
}

/** Plans the publication of a draft: it becomes immutable, with `publishedAt`. */
export async function planPublishStudy(planner: ChangePlanner, id: string, now: Date): Promise<GraphNode> {
  const current = await requireDraft(planner, id, 'id');
  const node: GraphNode = { ...current, props: { ...current.props, status: 'published', publishedAt: now.toISOString() } };
  planner.write({ op: 'updateNode', node });
  return node;
}

/**
 * Plans the next version of a published study, as a draft holding a copy of
 * its assertions. `CONFLICT` when the study is a draft (edit it instead) or
 * when the next version exists already (revise the latest).
 */
export async function planReviseStudy(planner: ChangePlanner, store: GraphReads, id: string): Promise<GraphNode> {
  const current = await requireStudy(planner, id, 'id');
  if (current.props.status !== 'published') {
    throw new ConflictError(`Mapping study "${id}" is a draft: edit it rather than revise it.`, { id, argument: 'id' });
  }
  const slug = String(current.props.slug);
  const version = Number(current.props.version) + 1;
  const nextId = studyId(slug, version);
  if (await planner.node(nextId)) {
    throw new ConflictError(`Mapping study "${id}" has a later version "${nextId}"; revise the latest version.`, { id, argument: 'id' });
  }
  const node: GraphNode = {
    ...current,
    id: nextId,
    code: `${slug}/v${version}`,
    props: withoutAbsent({ ...current.props, version, status: 'draft', publishedAt: undefined, revisionOf: id }),
  };
  planner.write({ op: 'createNode', node });
  for (const edge of await studyLinks(store, id)) {
    planner.write({
      op: 'createEdge',
      edge: { ...edge, id: toEdgeId('STUDY_LINK', edge.from, edge.to, node.code), props: { ...edge.props, study: nextId } },
    });
  }
  return node;
}

/** Plans the deletion of a draft and its assertions; a published version cannot be deleted. */
export async function planDeleteStudy(planner: ChangePlanner, store: GraphReads, id: string): Promise<string[]> {
  await requireDraft(planner, id, 'id');
  const links = await studyLinks(store, id);
  for (const edge of links) planner.write({ op: 'deleteEdge', id: edge.id });
  planner.write({ op: 'deleteNode', id });
  return links.map((edge) => edge.id);
}

/** A study version's STUDY_LINKs, in code order: by action line, then SDG goal or target (as `assertions` promises). */
export async function studyLinks(store: Pick<GraphReads, 'listEdges'>, id: string): Promise<GraphEdge[]> {
  return (await store.listEdges({ types: ['STUDY_LINK'] }))
    .filter((edge) => edge.props.study === id)
    .sort((a, b) => compareIdsByCode(a.from, b.from) || compareIdsByCode(a.to, b.to));
}

/** A study version's assertions, for `compareMappings`. */
export async function studyAssertions(store: GraphStore, id: string): Promise<MappingAssertion[]> {
  return (await studyLinks(store, id)).map(toAssertion);
}

/** The official WSIS–SDG Matrix (MATRIX_LINK) as assertions, for `compareMappings`. */
export async function matrixAssertions(store: GraphStore): Promise<MappingAssertion[]> {
  return (await store.listEdges({ types: ['MATRIX_LINK'] })).map(toAssertion);
}

/** The study node of `id`; `NOT_FOUND` when there is none, `BAD_USER_INPUT` when `id` is not a study id. */
export async function requireStudy(planner: Pick<ChangePlanner, 'node'>, id: string, argument: string): Promise<GraphNode> {
  if (parseGlobalId(id)?.type !== 'MappingStudy') {
    throw new BadUserInputError(`Argument "${argument}" is invalid: a mapping study id such as "MappingStudy:wg-inclusion/v1".`, {
      argument,
      expected: 'a mapping study id "MappingStudy:<slug>/v<version>"',
    });
  }
  const node = await planner.node(id);
  if (!node) throw new NotFoundError(`Mapping study "${id}" was not found.`, { id, argument });
  return node;
}

async function requireDraft(planner: ChangePlanner, id: string, argument: string): Promise<GraphNode> {
  const node = await requireStudy(planner, id, argument);
  if (node.props.status !== 'draft') {
    throw new ConflictError(`Mapping study "${id}" is published and cannot change; revise it to start a new draft version.`, {
      id,
      argument,
    });
  }
  return node;
}

// The node ids a pair names (an action line, and a target or else a goal).
function pairIds(pair: PairInput): { actionLine: string; sdg: string } {
  return {
    actionLine: toGlobalId('ActionLine', pair.actionLine),
    sdg: pair.target != null ? toGlobalId('SdgTarget', pair.target) : toGlobalId('SdgGoal', pair.goal!),
  };
}

async function requirePair(planner: ChangePlanner, pair: PairInput, argument: string): Promise<{ actionLine: string; sdg: string }> {
  const { actionLine, sdg } = pairIds(pair);
  await planner.requireNode(actionLine, `${argument}.actionLine`);
  await planner.requireNode(sdg, `${argument}.${pair.target != null ? 'target' : 'goal'}`);
  return { actionLine, sdg };
}

function toAssertion(edge: GraphEdge): MappingAssertion {
  const rationale = edge.props.rationale;
  return { actionLine: edge.from, sdg: edge.to, rationale: typeof rationale === 'string' ? rationale : null };
}

function studyProvenance(sources: readonly z.infer<typeof sourceInput>[]): Provenance {
  return toProvenance({ sources: [...sources], confidence: 'source' });
}

function withoutAbsent(props: Record<string, Props[string] | null | undefined>): Props {
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value != null)) as Props;
}
