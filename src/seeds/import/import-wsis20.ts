import type { SourceRef } from '../../domain/graph-records';
import { toEdgeId } from '../../domain/graph-records';
import { toGlobalId } from '../../domain/node-types';
import { addParagraph } from './import-resolutions';
import type { ReferenceData } from './reference-data';
import { dataFileRef, dedupeSources, toConfidence, type SeedBuilder } from './seed-builder';

const FILE = 'wsis20/wsis20_outcome.json';
const OUTCOME = { id: 'A/RES/80/173', symbol: 'A/RES/80/173' };

/**
 * Who a WSIS+20 paragraph asks, as the DESA table / ITU page name them, mapped
 * to nodes; names that are a group of many ("All stakeholders",
 * "Governments", "WSIS action line facilitators", "UNGIS members") stay as
 * text in the paragraph's `askedGroups`.
 */
const ASKED: Readonly<Record<string, { to: string; role?: string }>> = {
  'International Telecommunication Union (as UNGIS secretariat)': { to: 'Entity:ITU', role: 'as UNGIS secretariat' },
  UNGIS: { to: 'Process:UNGIS' },
};

/**
 * WSIS+20 outcome (A/RES/80/173) paragraphs and what they ask of whom, the
 * texts its preamble builds on, and its key decisions (as props of the
 * resolution), from `wsis20/wsis20_outcome.json`.
 */
export function importWsis20(data: ReferenceData, b: SeedBuilder): void {
  const w = data.wsis20;
  const refs = (keys: string[]): SourceRef[] => {
    const out = keys.map((k) => (w.sources[k] ? { url: w.sources[k] } : { document: k }));
    return out.length > 0 ? out : [dataFileRef(FILE)];
  };
  if (!b.hasNode(toGlobalId('Resolution', OUTCOME.id))) throw new Error('A/RES/80/173 must come from resolutions.json first');

  for (const p of w.paragraph_actions) {
    const number = String(p.paragraph);
    const sources = refs(p.sources);
    const paragraphId = addParagraph(b, OUTCOME, number, p.action_label, sources, { theme: p.theme, deadline: p.deadline });
    const node = b.getNode(paragraphId);
    const groups: string[] = [];
    for (const name of p.asked_entities ?? []) {
      const asked = ASKED[name];
      if (!asked) {
        groups.push(name);
        continue;
      }
      const provenance = {
        sources: [{ document: OUTCOME.symbol, paragraph: number }, ...sources],
        confidence: toConfidence(p.confidence),
        notes: p.note ? [p.note] : undefined,
      };
      // resolutions.json may already hold this ask as a MANDATES edge: one fact, one edge
      const mandateId = toEdgeId('MANDATES', paragraphId, asked.to);
      if (b.hasEdge('MANDATES', paragraphId, asked.to)) b.mergeIntoEdge(mandateId, provenance);
      else b.addEdge('edges/wsis20.json', 'ASKS', paragraphId, asked.to, { action: p.action_label, role: asked.role }, provenance);
    }
    if (node) {
      const before = (node.props.askedGroups as string[] | undefined) ?? [];
      const all = [...new Set([...before, ...groups])];
      if (all.length > 0) node.props.askedGroups = all;
      if (p.asked_entities === null) node.props.askedUnknown = true;
      if (p.note) node.provenance.notes = [...new Set([...(node.provenance.notes ?? []), p.note])];
    }
  }

  // texts the preamble names (context references without named_in_preamble are not relations)
  for (const ref of w.builds_on) {
    if (ref.named_in_preamble !== true) continue;
    let target = ref.ref.replace(/, annex$/, '');
    const to = toGlobalId('Resolution', target);
    if (!b.hasNode(to)) {
      target = addNamedResolution(b, target, ref, refs(ref.sources));
    }
    const sources = [{ document: OUTCOME.symbol, paragraph: 'preamble' }, ...refs(ref.sources)];
    const named = b.getNode(to);
    if (named && /\(note: /.test(ref.what)) {
      // e.g. A/RES/79/277: 27 March (dgdg.blog, A/80/L.41) vs 25 March 2025 (dig.watch); both kept
      named.provenance.flags = [...new Set([...(named.provenance.flags ?? []), 'date_sources_disagree'])];
      named.provenance.notes = [...new Set([...(named.provenance.notes ?? []), `wsis20_outcome.json: ${ref.what}`])];
    }
    const from = toGlobalId('Resolution', OUTCOME.id);
    const existing = b.allEdges().find((e) => e.from === from && e.to === to && e.type !== 'BUILDS_ON');
    if (existing) b.mergeIntoEdge(existing.id, { sources, confidence: 'source' });
    else
      b.addEdge('edges/wsis20.json', 'BUILDS_ON', from, to, { relation: 'named_in_preamble', what: ref.what }, {
        sources,
        confidence: toConfidence(ref.confidence),
        notes: ref.ref.endsWith(', annex') ? [`the preamble names ${ref.ref}`] : undefined,
      });
  }

  const review = b.getNode(toGlobalId('Process', 'WSIS-20-Review'));
  if (review) {
    // dates as the sources give them, including the two zero-draft dates (29 or 30 Aug 2025)
    review.props.timeline = w.process_timeline.map((t) => `${t.date}: ${t.event}`);
    review.provenance.sources = dedupeSources([...review.provenance.sources, ...refs(w.process_timeline.flatMap((t) => t.sources))]);
  }

  const outcome = b.getNode(toGlobalId('Resolution', OUTCOME.id));
  if (outcome) {
    outcome.props.keyDecisions = w.key_decisions
      .filter((d) => d.decision)
      .map((d) => `${d.topic}: ${d.decision}${d.paragraph ? ` (para ${d.paragraph})` : ''}`);
    outcome.provenance.sources = dedupeSources([...outcome.provenance.sources, ...refs(w.key_decisions.flatMap((d) => d.sources))]);
  }
}

/** A text the WSIS+20 preamble names that resolutions.json does not hold (A/RES/79/323, the Sevilla Commitment). */
function addNamedResolution(b: SeedBuilder, symbol: string, ref: { what: string; date?: string | null }, sources: SourceRef[]): string {
  b.addNode(
    'nodes/resolution.json',
    'Resolution',
    symbol,
    { en: symbol },
    { symbol, body: 'UNGA', instrument: 'unga_resolution', shortLabel: ref.what, date: ref.date ?? undefined },
    { sources, confidence: 'source', notes: ['English title and date not found in the stored sources; name is the symbol'] },
  );
  return symbol;
}
