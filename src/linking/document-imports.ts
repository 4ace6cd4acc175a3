import { z } from 'zod';
import { BadUserInputError, NotFoundError } from '../domain/errors';
import { toEdgeId, type GraphNode } from '../domain/graph-records';
import { LANGS } from '../domain/lang';
import { toGlobalId } from '../domain/node-types';
import type { ChangePlanner } from '../curation/change-planner';
import { LIMITS, lineText, sourceInput, type LinkInput, type NodeInput } from '../curation/curation-inputs';
import type { GraphReads } from '../store/graph-store';
import type { DocumentLinkResult, MentionMethod, ProposedLinkType } from './link-text';

/**
 * Imported documents and the review of their proposed links, written through
 * the curation path (`ChangePlanner`, then one `applyWrites` batch under
 * `curate`), so every step is validated, audited and journalled like any
 * write.
 *
 * - The document is a `Resolution` node (code: the curator's symbol for it,
 *   e.g. `C24/INF/9`) with props `kind: "imported_document"`, `lang`,
 *   `importedParagraphs`. A Resolution rather than a new `Document` type:
 *   paragraphs are PART_OF a Resolution and NAMES / ASKS / MANDATES already
 *   leave a Paragraph, so an imported text joins the graph as the seeded
 *   texts do, and every query over texts (mandates, paths, exports) sees it;
 *   `kind` tells it apart.
 * - Each paragraph is a `Paragraph` node `<code>#<n>` (n: its position, as
 *   paragraph codes are numeric; props `number` holds the label as printed,
 *   `text` the paragraph), PART_OF the document.
 * - The proposed links wait on their paragraph, in props `proposals` (one
 *   JSON record per link: id, type, node, surface, offsets, confidence,
 *   method, verb, status), as a mapping study's assertions wait in a draft.
 *   Only an accepted proposal becomes a link: its id is the proposal's id
 *   (`NAMES|Paragraph:C24/INF/9#3|Entity:ITU`), its provenance DERIVED with
 *   the method (`linkDocument/variant`), the paragraph as source and the
 *   offsets and surface in the notes.
 */
export const IMPORTED_DOCUMENT_KIND = 'imported_document';

/** A proposal as stored on its paragraph. */
export interface StoredProposal {
  id: string;
  type: ProposedLinkType;
  from: string;
  to: string;
  surface: string;
  start: number;
  end: number;
  confidence: number;
  method: MentionMethod;
  verb: string | null;
  status: 'pending' | 'accepted' | 'rejected';
}

const documentCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9/._()-]{0,120}$/, 'a document symbol of letters, digits and / . _ ( ) -, e.g. "C24/INF/9"');

export const importDocumentInput = z
  .object({
    code: documentCode,
    title: lineText(1000),
    lang: z.enum(LANGS).nullish(),
    text: z.string().max(200_000, 'a text of at most 200000 characters').refine((t) => t.trim() !== '', 'a non-empty text'),
    sources: z.array(sourceInput).min(1, 'at least one source (the document or its URL)').max(LIMITS.sources),
  })
  .strict();
export type ImportDocumentInput = z.infer<typeof importDocumentInput>;

export const reviewInput = z
  .object({
    document: z.string().max(300),
    accept: z.array(z.string().max(1000)).max(LIMITS.changes).nullish(),
    reject: z.array(z.string().max(1000)).max(LIMITS.changes).nullish(),
    acceptAllPending: z.boolean().nullish(),
    rejectAllPending: z.boolean().nullish(),
  })
  .strict()
  .refine((r) => !(r.acceptAllPending && r.rejectAllPending), 'not both acceptAllPending and rejectAllPending');
export type ReviewInput = z.infer<typeof reviewInput>;

// Props hold scalars: a long paragraph is kept to the curation limit of a text.
const clip = (text: string) => (text.length > LIMITS.text ? text.slice(0, LIMITS.text) : text);
const str = (key: string, value: string) => ({ key, string: value });

/** Plans the document, its paragraphs and their pending proposals; returns the document's id. */
export async function planDocumentImport(planner: ChangePlanner, input: ImportDocumentInput, linked: DocumentLinkResult): Promise<string> {
  const documentId = toGlobalId('Resolution', input.code);
  const sources = input.sources.map((s) => ({ document: s.document ?? null, paragraph: s.paragraph ?? null, url: s.url ?? null }));
  const paragraphs = [...linked.paragraphs, ...linked.footnotes];
  const document: NodeInput = {
    type: 'Resolution',
    code: input.code,
    name: { en: input.title },
    props: [
      str('kind', IMPORTED_DOCUMENT_KIND),
      str('symbol', input.code),
      ...(input.lang ? [str('lang', input.lang)] : []),
      { key: 'importedParagraphs', number: paragraphs.length },
    ],
    provenance: { sources, confidence: 'source' },
  };
  await planner.createNode(document, 'input');
  for (const [index, paragraph] of paragraphs.entries()) {
    const code = `${input.code}#${index + 1}`;
    const from = toGlobalId('Paragraph', code);
    const proposals: StoredProposal[] = paragraph.proposedLinks.map((link) => {
      const mention = paragraph.mentions[link.mention]!;
      return {
        id: toEdgeId(link.type, from, link.nodeId),
        type: link.type,
        from,
        to: link.nodeId,
        surface: mention.surface,
        start: mention.start,
        end: mention.end,
        confidence: mention.confidence,
        method: mention.method,
        verb: link.evidence?.verb ?? null,
        status: 'pending',
      };
    });
    await planner.createNode(
      {
        type: 'Paragraph',
        code,
        name: { en: `${input.code} ${paragraph.footnote ? 'footnote' : 'para'} ${paragraph.number}` },
        props: [
          str('document', input.code),
          str('number', paragraph.number),
          str('text', clip(paragraph.text)),
          { key: 'heading', boolean: paragraph.heading },
          ...(proposals.length > 0 ? [{ key: 'proposals', strings: proposals.map((p) => JSON.stringify(p)) }] : []),
        ],
        provenance: { sources: sources.map((s) => ({ ...s, paragraph: paragraph.number })), confidence: 'source' },
      },
      `input.text`,
    );
    const partOf: LinkInput = { type: 'PART_OF', from, to: documentId, provenance: { sources, confidence: 'source' } };
    await planner.createLink(partOf, 'input.text');
  }
  return documentId;
}

/**
 * Plans a review: the proposals named in `accept` (or every pending one, with
 * `acceptAllPending`) become links, those in `reject` (or every pending one)
 * are marked rejected; each paragraph touched is updated once. An id that is
 * not a proposal of this document is `NOT_FOUND`; reviewing a proposal twice
 * the same way is allowed (nothing changes), the other way is
 * `BAD_USER_INPUT` (undo an accepted link with `deleteLink`).
 */
export async function planReview(planner: ChangePlanner, store: GraphReads, input: ReviewInput): Promise<void> {
  const paragraphs = await importedParagraphs(store, input.document, 'input.document');
  const byId = new Map<string, { paragraph: GraphNode; proposal: StoredProposal }>();
  for (const paragraph of paragraphs) for (const proposal of proposalsOf(paragraph)) byId.set(proposal.id, { paragraph, proposal });
  const decisions = new Map<string, 'accepted' | 'rejected'>();
  const decide = (ids: readonly string[], status: 'accepted' | 'rejected', argument: string) => {
    for (const [index, id] of ids.entries()) {
      const found = byId.get(id);
      if (!found) throw new NotFoundError(`Proposal "${id}" was not found in document "${input.document}".`, { id, argument: `${argument}.${index}` });
      if (found.proposal.status !== 'pending' && found.proposal.status !== status) {
        throw new BadUserInputError(`Argument "${argument}.${index}" is invalid: proposal "${id}" is already ${found.proposal.status}.`, {
          argument: `${argument}.${index}`,
          expected: 'a pending proposal',
        });
      }
      if (decisions.has(id) && decisions.get(id) !== status) {
        throw new BadUserInputError(`Argument "${argument}.${index}" is invalid: proposal "${id}" is both accepted and rejected.`, {
          argument: `${argument}.${index}`,
          expected: 'each proposal accepted or rejected, not both',
        });
      }
      decisions.set(id, status);
    }
  };
  decide(input.accept ?? [], 'accepted', 'input.accept');
  decide(input.reject ?? [], 'rejected', 'input.reject');
  const pending = [...byId.values()].filter(({ proposal }) => proposal.status === 'pending' && !decisions.has(proposal.id));
  if (input.acceptAllPending) for (const { proposal } of pending) decisions.set(proposal.id, 'accepted');
  if (input.rejectAllPending) for (const { proposal } of pending) decisions.set(proposal.id, 'rejected');

  const touched = new Map<string, GraphNode>();
  for (const [id, status] of decisions) {
    const { paragraph, proposal } = byId.get(id)!;
    if (proposal.status === status) continue;
    touched.set(paragraph.id, paragraph);
    if (status === 'accepted') await planner.createLink(linkOf(proposal, paragraph), 'input.accept');
  }
  for (const paragraph of touched.values()) {
    const updated = proposalsOf(paragraph).map((p) => (decisions.has(p.id) ? { ...p, status: decisions.get(p.id)! } : p));
    await planner.updateNode({ id: paragraph.id, props: [{ key: 'proposals', strings: updated.map((p) => JSON.stringify(p)) }] }, 'input');
  }
}

/** The paragraphs of an imported document, in order; `NOT_FOUND` when `documentId` is not one. */
export async function importedParagraphs(store: Pick<GraphReads, 'getNodes' | 'getNeighbours'>, documentId: string, argument: string): Promise<GraphNode[]> {
  const [document] = await store.getNodes([documentId]);
  if (!document || document.props.kind !== IMPORTED_DOCUMENT_KIND) {
    throw new NotFoundError(`Imported document "${documentId}" was not found.`, { id: documentId, argument });
  }
  const [neighbours] = await store.getNeighbours([{ id: documentId, direction: 'in', types: ['PART_OF'] }]);
  const position = (node: GraphNode) => Number(node.code.slice(node.code.lastIndexOf('#') + 1));
  return (neighbours ?? []).map((n) => n.node).filter((n) => n.type === 'Paragraph').sort((a, b) => position(a) - position(b));
}

/** The proposals stored on an imported paragraph. */
export function proposalsOf(paragraph: GraphNode): StoredProposal[] {
  const stored = paragraph.props.proposals;
  if (!Array.isArray(stored)) return [];
  return stored.filter((item): item is string => typeof item === 'string').map((item) => JSON.parse(item) as StoredProposal);
}

function linkOf(proposal: StoredProposal, paragraph: GraphNode): LinkInput {
  const documentCode = String(paragraph.props.document);
  const notes = [
    `found by linkDocument in paragraph ${String(paragraph.props.number)} at ${proposal.start}-${proposal.end}: «${proposal.surface}» (confidence ${proposal.confidence})`,
    ...(proposal.verb ? [`governing verb: ${proposal.verb}`] : []),
  ];
  return {
    type: proposal.type,
    from: proposal.from,
    to: proposal.to,
    provenance: {
      sources: [{ document: documentCode, paragraph: String(paragraph.props.number), url: null }],
      confidence: 'derived',
      method: `linkDocument/${proposal.method}`,
      notes,
    },
  };
}
