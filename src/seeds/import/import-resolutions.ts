import type { EdgeType } from '../../domain/edge-types';
import type { SourceRef } from '../../domain/graph-records';
import { toGlobalId } from '../../domain/node-types';
import { refEntity, refInitiative } from './id-map';
import type { ReferenceData, ResolutionRecord } from './reference-data';
import { dataFileRef, toConfidence, toSourceRefs, type SeedBuilder } from './seed-builder';

const FILE = 'wsis/resolutions.json';

/** resolutions.json relation words between two texts, mapped onto the edge vocabulary (the word is kept in props.relation). */
const RESOLUTION_RELATIONS: Readonly<Record<string, EdgeType>> = {
  revises: 'REVISES',
  reaffirms: 'REAFFIRMS',
  follows_up: 'FOLLOWS_UP',
  endorses: 'ENDORSES',
  endorsed_by: 'ENDORSES', // turned around: B endorsed_by A is A ENDORSES B
  recalls: 'RECALLS',
  aligns_with: 'BUILDS_ON',
  annexes: 'BUILDS_ON',
  basis_for: 'BUILDS_ON',
  defines: 'BUILDS_ON',
  requests_outcome: 'BUILDS_ON',
  supports: 'BUILDS_ON',
};

/** How a resolution is cited in a source ref: its official symbol when it has one. */
export function documentOf(r: ResolutionRecord): string {
  return r.symbol ?? r.id;
}

/**
 * Resolutions and outcome documents, their relations to each other, and the
 * mandates they give, from `wsis/resolutions.json`. A mandate with a
 * paragraph number hangs from a Paragraph node (`<code>#<number>`, PART_OF
 * its resolution); one without hangs from the resolution itself. Mandates
 * given to a group that is not a node ("WSIS action line facilitators", "UN
 * agencies") stay as text (`askedGroups` / `mandatesToGroups`), never guessed
 * onto entities.
 */
export function importResolutions(data: ReferenceData, b: SeedBuilder): void {
  const records = data.resolutions.resolutions;
  const byId = new Map(records.map((r) => [r.id, r]));

  for (const r of records) {
    const notes: string[] = [];
    let nameEn = r.title_en ?? undefined;
    if (!nameEn) {
      nameEn = r.symbol ?? r.short_label ?? r.id;
      notes.push('English title not found in the stored sources; name is the symbol (or our short label)');
    } else if (r.title_en_basis === 'recalled') {
      notes.push('English title recalled (general knowledge), not seen in a stored source');
    }
    if (r.notes) notes.push(r.notes);
    const zhTitles = r.title_zh.filter((t) => t.kind !== 'symbol_mention_only').map((t) => t.text);
    const earlier = r.relations.filter((x) => x.target_kind === 'earlier_version_text').map((x) => x.target);
    const groups = r.mandates
      .filter((m) => !isNodeMandate(m.entity_kind) && !m.paras)
      .map((m) => `${m.entity}: ${m.label}`);
    const sources: SourceRef[] = toSourceRefs(r.sources, dataFileRef(FILE));
    if (r.title_en_basis?.startsWith('http')) sources.unshift({ url: r.title_en_basis });
    b.addNode(
      'nodes/resolution.json',
      'Resolution',
      r.id,
      { en: nameEn, zh: zhTitles[0] },
      {
        symbol: r.symbol ?? undefined,
        body: r.body,
        instrument: r.instrument,
        date: r.date ?? undefined,
        year: r.year ?? undefined,
        venue: r.venue,
        shortLabel: r.short_label,
        draftSymbol: r.draft_symbol,
        earlierVersions: earlier,
        mandatesToGroups: groups,
        nameZhVariants: zhTitles.length > 1 ? zhTitles : undefined,
      },
      { sources, confidence: toConfidence(r.confidence), notes },
    );
  }

  for (const r of records) {
    const from = toGlobalId('Resolution', r.id);
    for (const rel of r.relations) {
      const sources = toSourceRefs(rel.source, { document: documentOf(r) });
      const provenance = { sources, confidence: toConfidence(rel.confidence), notes: rel.note ? [rel.note] : undefined };
      const props = { relation: rel.type, paragraph: rel.paras };
      if (rel.target_kind === 'earlier_version_text') continue; // kept as props.earlierVersions
      if (rel.target_kind === 'resolution') {
        const type = RESOLUTION_RELATIONS[rel.type];
        if (!type) throw new Error(`${r.id}: unmapped relation "${rel.type}" to a resolution`);
        if (!byId.has(rel.target)) throw new Error(`${r.id}: relation to unknown resolution "${rel.target}"`);
        const to = toGlobalId('Resolution', rel.target);
        if (rel.type === 'endorsed_by') b.addEdge('edges/resolution-relations.json', type, to, from, props, provenance);
        else b.addEdge('edges/resolution-relations.json', type, from, to, props, provenance);
        continue;
      }
      // toward entities, processes, initiatives and action lines: MANDATES with the original word
      const targets =
        rel.target_kind === 'action_lines'
          ? expandActionLineRange(rel.target)
          : [rel.target_kind === 'initiative' ? refInitiative(rel.target) : refEntity(rel.target)];
      for (const to of targets) b.addEdge('edges/mandates.json', 'MANDATES', from, to, props, provenance, rel.type);
    }

    for (const m of r.mandates) {
      const sources = toSourceRefs(m.source, { document: documentOf(r) });
      const number = m.paras ? leadingParagraph(m.paras) : undefined;
      const toNode = mandateTarget(m.entity, m.entity_kind);
      if (number) {
        const paragraphId = addParagraph(b, r, number, m.label, sources);
        const node = b.getNode(paragraphId);
        if (!toNode && node) {
          const groups = (node.props.askedGroups as string[] | undefined) ?? [];
          node.props.askedGroups = [...new Set([...groups, m.entity])];
        }
        if (toNode) {
          b.addEdge(
            'edges/mandates.json',
            'MANDATES',
            paragraphId,
            toNode,
            { action: m.label },
            {
              sources: [{ document: documentOf(r), paragraph: m.paras }, ...sources],
              confidence: toConfidence(m.confidence),
            },
          );
        }
      } else if (toNode) {
        b.addEdge(
          'edges/mandates.json',
          'MANDATES',
          toGlobalId('Resolution', r.id),
          toNode,
          { action: m.label },
          {
            sources: [{ document: documentOf(r) }, ...sources],
            confidence: toConfidence(m.confidence),
            notes: ['paragraph number not given by the sources'],
          },
          labelKey(m.label),
        );
      }
    }
  }
}

/**
 * Adds (or extends) the Paragraph node `<resolution code>#<number>` with its
 * PART_OF edge. Several asks in one paragraph share the node; their labels
 * are joined in `action`.
 */
export function addParagraph(
  b: SeedBuilder,
  r: { id: string; symbol: string | null },
  number: string,
  action: string,
  sources: SourceRef[],
  extraProps: Record<string, string | undefined> = {},
): string {
  const code = `${r.id}#${number}`;
  const id = toGlobalId('Paragraph', code);
  const existing = b.getNode(id);
  if (existing) {
    const actions = String(existing.props.action ?? '').split(' | ');
    if (!actions.includes(action)) existing.props.action = [...actions, action].join(' | ');
    for (const [k, v] of Object.entries(extraProps)) if (v !== undefined && !(k in existing.props)) existing.props[k] = v;
    return id;
  }
  const document = r.symbol ?? r.id;
  b.addNode(
    'nodes/paragraph.json',
    'Paragraph',
    code,
    { en: `${document}, para ${number}` },
    { document: r.id, number, action, ...extraProps },
    { sources: [{ document, paragraph: number }, ...sources], confidence: 'source' },
  );
  b.addEdge('edges/mandates.json', 'PART_OF', id, toGlobalId('Resolution', r.id), {}, {
    sources: [{ document, paragraph: number }],
    confidence: 'source',
  });
  return id;
}

function isNodeMandate(kind: string): boolean {
  return kind === 'entity' || kind.startsWith('initiative:');
}

function mandateTarget(entity: string, kind: string): string | undefined {
  if (kind === 'entity') return refEntity(entity);
  if (kind.startsWith('initiative:')) return refInitiative(kind.slice('initiative:'.length));
  return undefined;
}

/** `"108-109 and Annex"` → `"108-109"`; `"67"` → `"67"`. */
function leadingParagraph(paras: string): string | undefined {
  return /^\d+(?:-\d+)?/.exec(paras.trim())?.[0];
}

/** `"action_lines:C1-C11"` → the ActionLine ids C1 … C11. */
function expandActionLineRange(target: string): string[] {
  const match = /^action_lines:C(\d+)-C(\d+)$/.exec(target);
  if (!match) throw new Error(`cannot read action line range "${target}"`);
  const out: string[] = [];
  for (let n = Number(match[1]); n <= Number(match[2]); n++) out.push(toGlobalId('ActionLine', `C${n}`));
  return out;
}

// Several paragraph-less mandates to the same entity (ITU-PP-RES-140 gives ITU three) stay separate edges.
function labelKey(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}
