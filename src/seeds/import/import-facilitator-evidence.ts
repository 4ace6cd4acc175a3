import { toEdgeId, type SourceRef } from '../../domain/graph-records';
import { refActionLineOrTheme, refEntity } from './id-map';
import { mergeProvenance, toConfidence, toSourceRefs, type SeedBuilder } from './seed-builder';

/** `wsis/facilitator_role_evidence.json`: role words for facilitation, and one conflict. */
export interface FacilitatorEvidenceFile {
  records: {
    action_lines: string[];
    entity: string;
    role_word: string;
    statement_paraphrase: string;
    source: string;
    confidence: string;
    effect?: string;
    note?: string;
    conflict?: string;
  }[];
}

const FILE = 'edges/facilitation.json';

/**
 * Adds the evidence to the FACILITATES links it is about: the source, the
 * role word it uses (`props.roleWordsInSources`), and a `since` where the
 * statement dates the designation ("In May 2006 UNESCO was designated …").
 * A record with a `conflict` (an ITU page for the PP-10 to PP-14 period calls
 * ITU co-facilitator of C4, where the data has lead) becomes a second,
 * dated FACILITATES link with the other role, and both links carry the flag
 * `facilitator_role_conflict`: the conflict stays visible, not resolved.
 */
export function importFacilitatorEvidence(evidence: FacilitatorEvidenceFile, b: SeedBuilder): void {
  for (const r of evidence.records) {
    const from = refEntity(r.entity);
    const sources: SourceRef[] = toSourceRefs(r.source);
    const confidence = toConfidence(r.confidence);
    for (const line of r.action_lines) {
      const to = refActionLineOrTheme(line);
      const id = toEdgeId('FACILITATES', from, to);
      const edge = b.getEdge(id);
      if (!edge) throw new Error(`facilitator evidence for ${from} → ${to}: no FACILITATES link to add it to`);
      if (r.conflict) {
        const period = /PP-10 to PP-14/.exec(r.conflict) ? { since: '2010', until: '2014' } : undefined;
        if (!period) throw new Error(`facilitator evidence conflict for ${id}: no period recognised in "${r.conflict}"`);
        const flags = ['facilitator_role_conflict'];
        edge.provenance = mergeProvenance(edge.provenance, {
          sources: [],
          confidence: edge.provenance.confidence,
          flags,
          notes: [`conflict: ${r.source} (${period.since}-${period.until}) calls ${r.entity} "${r.role_word}" of ${line}; see the dated co_facilitator link`],
        });
        b.addEdge(FILE, 'FACILITATES', from, to, { role: 'co_facilitator', roleWordInSource: true, ...period, basis: r.statement_paraphrase }, {
          sources,
          confidence,
          flags,
          notes: [r.conflict],
        }, `co_facilitator-${period.since}-${period.until}`);
        continue;
      }
      const words = new Set([...((edge.props.roleWordsInSources as string[] | undefined) ?? []), r.role_word]);
      edge.props.roleWordsInSources = [...words];
      const designated = /\bIn May 2006\b/.test(r.statement_paraphrase) ? '2006-05' : undefined;
      if (designated && edge.props.since === undefined) edge.props.since = designated;
      const notes = [r.effect, r.note].filter((n): n is string => typeof n === 'string');
      edge.provenance = mergeProvenance(edge.provenance, { sources, confidence, notes });
    }
  }
}
