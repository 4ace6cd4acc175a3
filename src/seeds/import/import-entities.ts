import type { Provenance, SourceRef } from '../../domain/graph-records';
import { toGlobalId } from '../../domain/node-types';
import { ENTITIES_AS_PROCESSES, INITIATIVES_AS_PROCESSES, refEntity } from './id-map';
import type { EntityRecord, ReferenceData } from './reference-data';
import { dataFileRef, toConfidence, toSourceRefs, type SeedBuilder } from './seed-builder';

const FILE = 'wsis/entities.json';

/**
 * Entities from `wsis/entities.json`, except those that are processes by the
 * rule in `id-map.ts`, which become Process nodes; plus the Process nodes the
 * other files name (WSIS Forum, Summit of the Future, WSIS+20 review, …) and
 * the few bodies the GDC data creates (Scientific Panel on AI, CSTD working
 * group on data governance, ODET).
 */
export function importEntities(data: ReferenceData, b: SeedBuilder): void {
  for (const e of data.entities.entities) {
    const processCode = ENTITIES_AS_PROCESSES[e.id];
    const zh = e.name_zh.map((n) => n.text);
    const props = {
      kind: e.type,
      parent: e.parent ? refEntity(e.parent).replace(/^[A-Za-z]+:/, '') : undefined,
      nameZhVariants: zh.length > 1 ? zh : undefined,
      respondentToSgWsisReport2024: e.respondent_to_sg_wsis_report_2024,
      facts: (e.facts ?? []).map((f) => f.fact),
      sourceDataId: processCode ? e.id : undefined,
    };
    const provenance = entityProvenance(e, processCode !== undefined);
    if (processCode) b.addNode('nodes/process.json', 'Process', processCode, { en: e.name_en, zh: zh[0] }, props, provenance);
    else b.addNode('nodes/entity.json', 'Entity', e.id, { en: e.name_en, zh: zh[0] }, props, provenance);
  }

  for (const p of data.initiatives.initiatives) {
    const code = INITIATIVES_AS_PROCESSES[p.id];
    if (!code) continue;
    const zh = p.name_zh.map((n) => n.text);
    b.addNode(
      'nodes/process.json',
      'Process',
      code,
      { en: p.name_en, zh: zh[0] },
      {
        kind: p.kind,
        start: p.start ?? undefined,
        nameZhVariants: zh.length > 1 ? zh : undefined,
        facts: (p.facts ?? []).map((f) => f.fact),
        sourceDataId: p.id,
        actionLinesAll: p.action_lines.some((a) => a.action_line === 'ALL') || undefined,
      },
      {
        sources: toSourceRefs(p.sources, dataFileRef('wsis/initiatives.json')),
        confidence: toConfidence(p.confidence),
        notes: [`moved from initiatives.json ("${p.id}"): a forum or meeting is a Process in this graph`],
      },
    );
  }

  addExtraProcessesAndBodies(data, b);
  addProcessLeadership(data, b);
}

function entityProvenance(e: EntityRecord, moved: boolean): Provenance {
  const notes: string[] = [];
  if (e.name_en_basis === 'recalled') notes.push('English name recalled (general knowledge), not seen in a stored source');
  if (e.type_basis === 'recalled') notes.push('type classification recalled (general knowledge)');
  if (moved) notes.push(`moved from entities.json ("${e.id}"): a forum or coordination mechanism is a Process in this graph`);
  if (e.notes) notes.push(e.notes);
  const sources: SourceRef[] = toSourceRefs(e.sources, dataFileRef(FILE));
  if (e.name_en_basis.startsWith('http')) sources.unshift({ url: e.name_en_basis });
  return { sources, confidence: toConfidence(e.confidence), notes };
}

/** Processes and bodies named in the GDC and WSIS+20 data that entities.json and initiatives.json do not hold. */
function addExtraProcessesAndBodies(data: ReferenceData, b: SeedBuilder): void {
  const gdc = data.gdc;
  const wsis20 = data.wsis20;
  const gdcRef = (keys: string[]): SourceRef[] => keys.map((k) => (gdc.sources[k] ? { url: gdc.sources[k] } : { document: k }));
  const w20Ref = (keys: string[]): SourceRef[] => keys.map((k) => (wsis20.sources[k] ? { url: wsis20.sources[k] } : { document: k }));
  const named = (label: string): SourceRef[] => {
    const rec = gdc.existing_processes_named.find((p) => p.process.startsWith(label));
    return rec ? gdcRef(rec.sources) : [dataFileRef('gdc/gdc.json')];
  };
  const mechanism = (prefix: string) => {
    const m = gdc.follow_up_mechanisms.find((x) => x.name.startsWith(prefix));
    if (!m) throw new Error(`gdc.json has no follow-up mechanism "${prefix}"`);
    return m;
  };

  b.addNode(
    'nodes/process.json',
    'Process',
    'WSIS-20-Review',
    { en: 'WSIS+20 review by the General Assembly (2025)' },
    { kind: 'review', outcome: 'A/RES/80/173', year: 2025 },
    {
      sources: [...w20Ref(wsis20.document.sources), ...named('WSIS+20 review')],
      confidence: 'source',
      notes: ['name is our label for the overall review whose outcome is A/RES/80/173'],
    },
  );
  b.addNode(
    'nodes/process.json',
    'Process',
    'Enhanced-Cooperation',
    { en: 'Enhanced cooperation (Tunis Agenda)' },
    { kind: 'process' },
    { sources: named('Enhanced cooperation'), confidence: 'source' },
  );

  const dialogue = mechanism('Global Dialogue on AI Governance');
  b.addNode(
    'nodes/process.json',
    'Process',
    'Global-Dialogue-AI-Governance',
    { en: dialogue.name },
    { kind: 'dialogue', createdBy: dialogue.created_by, implementedBy: dialogue.implemented_by, facts: dialogue.facts },
    { sources: gdcRef(dialogue.sources), confidence: toConfidence(dialogue.confidence) },
  );
  const review = mechanism('High-level review of the GDC');
  b.addNode(
    'nodes/process.json',
    'Process',
    'GDC-Review-2027',
    { en: review.name },
    { kind: 'review', year: 2027, facts: review.facts },
    { sources: gdcRef(review.sources), confidence: toConfidence(review.confidence), notes: review.note ? [review.note] : undefined },
  );

  const panel = mechanism('Independent International Scientific Panel on AI');
  b.addNode(
    'nodes/entity.json',
    'Entity',
    'AI_SCIENTIFIC_PANEL',
    { en: panel.name },
    { kind: 'advisory_body', createdBy: panel.created_by, implementedBy: panel.implemented_by, facts: panel.facts },
    { sources: gdcRef(panel.sources), confidence: toConfidence(panel.confidence), notes: ['not in entities.json; added from gdc.json follow_up_mechanisms'] },
  );
  const wgdg = mechanism('CSTD multi-stakeholder Working Group');
  b.addNode(
    'nodes/entity.json',
    'Entity',
    'CSTD_WGDG',
    { en: wgdg.name },
    { kind: 'intergovernmental_body', parent: 'CSTD', createdBy: wgdg.created_by, facts: wgdg.facts },
    { sources: gdcRef(wgdg.sources), confidence: toConfidence(wgdg.confidence), notes: ['not in entities.json; added from gdc.json follow_up_mechanisms'] },
  );
  const odet = mechanism('Office for Digital and Emerging Technologies');
  b.addNode(
    'nodes/entity.json',
    'Entity',
    'ODET',
    { en: 'Office for Digital and Emerging Technologies' },
    { kind: 'secretariat_office', parent: 'UNSG', createdBy: odet.created_by, facts: odet.facts, predecessor: 'OSET' },
    { sources: gdcRef(odet.sources), confidence: toConfidence(odet.confidence), notes: ['not in entities.json; added from gdc.json follow_up_mechanisms'] },
  );
}

/**
 * LED_BY / PARTNER edges of processes where the reference data states them:
 * the initiative record of the WSIS Forum (its organisers) and entity facts
 * (IGF convened by the Secretary-General; ITU as UNGIS secretariat; ITU and
 * UNDP co-chairs of UNGIS in 2023-2024).
 */
function addProcessLeadership(data: ReferenceData, b: SeedBuilder): void {
  for (const p of data.initiatives.initiatives) {
    const code = INITIATIVES_AS_PROCESSES[p.id];
    if (!code) continue;
    const from = toGlobalId('Process', code);
    for (const lead of p.lead_entities) {
      b.addEdge('edges/processes.json', 'LED_BY', from, refEntity(lead), {}, {
        sources: toSourceRefs(p.sources, dataFileRef('wsis/initiatives.json')).slice(0, 2),
        confidence: toConfidence(p.confidence),
      });
    }
    for (const partner of p.partners) {
      b.addEdge('edges/processes.json', 'PARTNER', from, refEntity(partner), {}, {
        sources: toSourceRefs(p.sources, dataFileRef('wsis/initiatives.json')).slice(0, 2),
        confidence: toConfidence(p.confidence),
      });
    }
  }
  const fact = (entityId: string, startsWith: string) => {
    const e = data.entities.entities.find((x) => x.id === entityId);
    const f = e?.facts?.find((x) => x.fact.startsWith(startsWith));
    if (!f) throw new Error(`entities.json: ${entityId} has no fact starting "${startsWith}"`);
    return f;
  };
  const igf = fact('IGF', 'Mandate set in Tunis Agenda para 72; convened by the UN Secretary-General');
  b.addEdge('edges/processes.json', 'LED_BY', 'Process:IGF', 'Entity:UNSG', { role: 'convener' }, {
    sources: toSourceRefs(igf.source),
    confidence: toConfidence(igf.confidence),
  });
  const igfSecretariat = fact('IGF', 'Secretariat under UN DESA responsibility');
  b.addEdge('edges/processes.json', 'LED_BY', 'Process:IGF', 'Entity:UNDESA', { role: 'secretariat' }, {
    sources: toSourceRefs(igfSecretariat.source),
    confidence: toConfidence(igfSecretariat.confidence),
    notes: ['which entity hosts the IGF secretariat under the WSIS+20 outcome was not found (Rev.2 of the draft said UN DESA)'],
  });
  const ungisSecretariat = fact('UNGIS', 'ITU serves as UNGIS secretariat');
  b.addEdge('edges/processes.json', 'LED_BY', 'Process:UNGIS', 'Entity:ITU', { role: 'secretariat' }, {
    sources: toSourceRefs(ungisSecretariat.source),
    confidence: toConfidence(ungisSecretariat.confidence),
  });
  const ungisChairs = fact('UNGIS', 'ITU and UNDP co-chair UNGIS in 2023-2024');
  for (const chair of ['ITU', 'UNDP']) {
    b.addEdge('edges/processes.json', 'LED_BY', 'Process:UNGIS', toGlobalId('Entity', chair), { role: 'co_chair', period: '2023-2024' }, {
      sources: toSourceRefs(ungisChairs.source),
      confidence: toConfidence(ungisChairs.confidence),
    }, 'co_chair');
  }
}
