import { toGlobalId } from '../../domain/node-types';
import { INITIATIVES_AS_ENTITIES, INITIATIVES_AS_PROCESSES, refActionLineOrTheme, refEntity, refInitiative } from './id-map';
import type { ReferenceData } from './reference-data';
import { dataFileRef, mergeProvenance, toConfidence, toSourceRefs, type SeedBuilder } from './seed-builder';

const FILE = 'wsis/initiatives.json';

/**
 * Initiatives from `wsis/initiatives.json` (except the two moved to Process)
 * with LED_BY, PARTNER, ADDRESSES, CONTRIBUTES_TO and RELATED_TO edges.
 *
 * "ALL" action lines: the sources say "all action lines" without naming
 * them, so the initiative gets `actionLinesAll: true` (and the basis) instead
 * of eleven invented edges. "all" SDGs likewise becomes `sdgsAll: true`.
 */
export function importInitiatives(data: ReferenceData, b: SeedBuilder): void {
  for (const p of data.initiatives.initiatives) {
    const from = refInitiative(p.id);
    const isProcess = INITIATIVES_AS_PROCESSES[p.id] !== undefined;
    const isEntity = INITIATIVES_AS_ENTITIES[p.id] !== undefined;
    const all = p.action_lines.filter((a) => a.action_line === 'ALL');
    const sdgsAll = p.sdgs.filter((s) => s.sdg_goal === 'all');
    if (isEntity) mergeIntoEntity(b, from, p);
    else if (!isProcess) {
      const zh = p.name_zh.map((n) => n.text);
      const notes = Array.isArray(p.notes) ? p.notes : p.notes ? [p.notes] : [];
      if (p.name_en_basis !== 'source') notes.push(`English name: ${p.name_en_basis}`);
      b.addNode(
        'nodes/initiative.json',
        'Initiative',
        p.id,
        { en: p.name_en, zh: zh[0] },
        {
          kind: p.kind,
          start: p.start ?? undefined,
          status: p.status,
          nameZhVariants: zh.length > 1 ? zh : undefined,
          actionLinesAll: all.length > 0 ? true : undefined,
          actionLinesAllBasis: all.map((a) => a.basis).join(' / ') || undefined,
          sdgsAll: sdgsAll.length > 0 ? true : undefined,
          sdgsAllNote: sdgsAll.map((s) => s.note).filter(Boolean).join(' / ') || undefined,
          facts: (p.facts ?? []).map((f) => f.fact),
        },
        { sources: toSourceRefs(p.sources, dataFileRef(FILE)), confidence: toConfidence(p.confidence), notes },
      );
    }
    const base = toSourceRefs(p.sources, dataFileRef(FILE));
    const confidence = toConfidence(p.confidence);
    if (!isProcess) {
      for (const lead of p.lead_entities) {
        b.addEdge('edges/initiatives.json', 'LED_BY', from, refEntity(lead), {}, { sources: base, confidence });
      }
      for (const partner of p.partners) {
        b.addEdge('edges/initiatives.json', 'PARTNER', from, refEntity(partner), {}, { sources: base, confidence });
      }
      for (const a of p.action_lines) {
        if (a.action_line === 'ALL') continue;
        // Only an initiative ADDRESSES an action line; a merged body's line is kept as text (mergeIntoEntity).
        if (isEntity) continue;
        b.addEdge('edges/initiatives.json', 'ADDRESSES', from, refActionLineOrTheme(a.action_line), { basis: a.basis }, {
          sources: toSourceRefs(a.source, base[0]),
          confidence,
        });
      }
      for (const s of p.sdgs) {
        if (s.sdg_goal === 'all') continue;
        const to = s.target ? toGlobalId('SdgTarget', s.target) : toGlobalId('SdgGoal', String(s.sdg_goal));
        b.addEdge('edges/initiatives.json', 'CONTRIBUTES_TO', from, to, { note: s.note }, {
          sources: toSourceRefs(s.source, base[0]),
          confidence,
        });
      }
    }
    for (const rel of p.related_resolutions) {
      b.addEdge('edges/initiatives.json', 'RELATED_TO', from, toGlobalId('Resolution', rel.id), { relation: rel.relation }, {
        sources: toSourceRefs(rel.source, base[0]),
        confidence,
      });
    }
  }
}

/**
 * An initiative record that is the same body as an entity (INITIATIVES_AS_ENTITIES):
 * its id becomes an alias of the entity, its sources, start and facts are
 * added, and the action line it was "reported under" is kept as text.
 */
function mergeIntoEntity(b: SeedBuilder, entityId: string, p: ReferenceData['initiatives']['initiatives'][number]): void {
  const entity = b.getNode(entityId);
  if (!entity) throw new Error(`${entityId} (merge target of initiative ${p.id}) does not exist`);
  const alias = toGlobalId('Initiative', p.id);
  entity.props.aliases = [...new Set([...((entity.props.aliases as string[] | undefined) ?? []), alias])];
  if (p.start && entity.props.start === undefined) entity.props.start = p.start;
  const facts = [...((entity.props.facts as string[] | undefined) ?? []), ...(p.facts ?? []).map((f) => f.fact)];
  if (facts.length > 0) entity.props.facts = [...new Set(facts)];
  const lines = p.action_lines.filter((a) => a.action_line !== 'ALL').map((a) => `${a.action_line} (${a.basis})`);
  if (lines.length > 0) entity.props.actionLinesReported = lines;
  entity.provenance = mergeProvenance(entity.provenance, {
    sources: toSourceRefs(p.sources, dataFileRef(FILE)),
    confidence: toConfidence(p.confidence),
    notes: [`merged: initiatives.json also held this body as "${p.id}" (${alias}, kept as an alias); one node, an Entity, since it has members of its own`],
  });
}

/**
 * REPORTS_ACTIVITY edges from `wsis/seed004_activities.json`: one edge per
 * activity record (discriminated by its id) from each named entity to the
 * action line or theme of its section. Regional and international sections
 * have no action line and give no edge; activities of entities that are
 * Processes in this graph (IGF, UNGIS, …) give none either, because the
 * vocabulary lets only an Entity report an activity.
 */
export function importActivities(data: ReferenceData, b: SeedBuilder): { skipped: number } {
  let skipped = 0;
  for (const a of data.activities.activities) {
    if (!/^(C\d|T-)/.test(a.section)) {
      skipped += a.entities.length;
      continue;
    }
    const to = refActionLineOrTheme(a.section);
    for (const entity of a.entities) {
      const from = refEntity(entity);
      if (!from.startsWith('Entity:')) {
        skipped++;
        continue;
      }
      b.addEdge(
        'edges/activities.json',
        'REPORTS_ACTIVITY',
        from,
        to,
        { label: a.label, activityId: a.id, initiative: a.initiative ?? undefined },
        { sources: toSourceRefs(a.source), confidence: toConfidence(a.confidence) },
        a.id,
      );
    }
  }
  return { skipped };
}
