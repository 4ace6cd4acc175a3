import type { GraphEdge } from '../../domain/graph-records';
import { nodeTypeOf } from '../../domain/graph-records';
import { type SeedBuilder, unique } from './seed-builder';

export const DERIVED_BY_SHARED_SDG =
  'shared SDG goal: the GDC paragraph carries the SDG tag (source) and the WSIS-SDG Matrix links the action line to that goal or to one of its targets (source)';
export const DERIVED_BY_SUBJECT =
  'same subject: the GDC data places the paragraph in the sub-area "Internet governance" (source), which is the subject of the Tunis Agenda theme T-IG';

/**
 * GDC ↔ WSIS action line links. No stored source ties a GDC paragraph to an
 * action line, so every CORRESPONDS_TO here is `derived`, with its method:
 *  - through a shared SDG goal (GDC SDG tag × WSIS–SDG Matrix link);
 *  - GDC Internet-governance paragraphs → Tunis theme T-IG (same subject).
 * Run after every sourced edge exists.
 */
export function deriveGdcWsisLinks(b: SeedBuilder): void {
  const edges = b.allEdges();
  const matrixByGoal = new Map<string, GraphEdge[]>();
  for (const e of edges) {
    if (e.type !== 'MATRIX_LINK') continue;
    const goal = String(e.props.goal);
    matrixByGoal.set(goal, [...(matrixByGoal.get(goal) ?? []), e]);
  }

  for (const tag of edges) {
    if (tag.type !== 'CONTRIBUTES_TO' || nodeTypeOf(tag.from) !== 'GdcCommitment') continue;
    const goal = tag.to.slice('SdgGoal:'.length);
    const byLine = new Map<string, GraphEdge[]>();
    for (const link of matrixByGoal.get(goal) ?? []) byLine.set(link.from, [...(byLine.get(link.from) ?? []), link]);
    for (const [line, links] of byLine) {
      const via = unique(links.map((l) => l.to.replace(/^Sdg(Target|Goal):/, '')));
      const conflicted = links.every((l) => l.provenance.flags?.includes('matrix_views_disagree'));
      b.addEdge(
        'edges/gdc-wsis-derived.json',
        'CORRESPONDS_TO',
        tag.from,
        line,
        { sharedGoal: goal, via, derivation: 'shared_sdg_goal' },
        {
          sources: [...tag.provenance.sources.slice(0, 1), ...(links[0]?.provenance.sources.slice(0, 1) ?? [])],
          confidence: 'derived',
          method: DERIVED_BY_SHARED_SDG,
          flags: conflicted ? ['matrix_views_disagree'] : undefined,
        },
        `sdg-${goal}`,
      );
    }
  }

  for (const e of edges) {
    if (e.type !== 'PART_OF' || nodeTypeOf(e.from) !== 'GdcCommitment') continue;
    const node = b.getNode(e.from);
    if (node?.props.subArea !== 'internet_governance') continue;
    b.addEdge(
      'edges/gdc-wsis-derived.json',
      'CORRESPONDS_TO',
      e.from,
      'Theme:T-IG',
      { derivation: 'same_subject' },
      { sources: node.provenance.sources.slice(0, 2), confidence: 'derived', method: DERIVED_BY_SUBJECT },
      'subject',
    );
  }
}
