import type { EdgeType } from '../../domain/edge-types';
import type { SourceRef } from '../../domain/graph-records';
import { toGlobalId } from '../../domain/node-types';
import type { GdcFile, ReferenceData } from './reference-data';
import { dataFileRef, toConfidence, type SeedBuilder } from './seed-builder';

const FILE = 'gdc/gdc.json';
const PACT = toGlobalId('Resolution', 'A/RES/79/1');

/**
 * What gdc.json calls a process, body or document in `processes_named`,
 * mapped to a node; `null` for names that are not one node (e.g. "WSIS" as a
 * whole, or the IGF's national and regional initiatives), which stay as text
 * in `props.processesNamed`.
 */
const NAMED: Readonly<Record<string, string | null>> = {
  WSIS: null,
  'WSIS (Geneva, Tunis)': null,
  'Geneva Declaration of Principles': 'Resolution:WSIS-GENEVA-DOP',
  'Geneva Plan of Action': 'Resolution:WSIS-GENEVA-POA',
  'Tunis Agenda for the Information Society': 'Resolution:WSIS-TUNIS-AGENDA',
  '2030 Agenda': 'Resolution:A/RES/70/1',
  'Giga (ITU-UNICEF)': 'Initiative:giga',
  ITU: 'Entity:ITU',
  UNICEF: 'Entity:UNICEF',
  OHCHR: 'Entity:OHCHR',
  'enhanced cooperation': 'Process:Enhanced-Cooperation',
  IGF: 'Process:IGF',
  'IGF national and regional initiatives (NRIs)': null,
  'WSIS Forum': 'Process:WSIS-Forum',
  'WSIS+20 review': 'Process:WSIS-20-Review',
  CSTD: 'Entity:CSTD',
  "Office of the Secretary-General's Envoy on Technology": 'Entity:OSET',
  ODET: 'Entity:ODET',
};

/**
 * Where a paragraph does more than name something, the verb, read from the
 * data's own label for the paragraph: para 48 asks the CSTD to set up a
 * working group; para 68 invites the WSIS+20 review to say how WSIS
 * processes can support the Compact. Everything else named is NAMES.
 */
const VERBS: Readonly<Record<string, { type: EdgeType; action: string }>> = {
  '48|Entity:CSTD': { type: 'ASKS', action: 'set up a dedicated multi-stakeholder working group on data governance' },
  '68|Process:WSIS-20-Review': { type: 'ASKS', action: 'identify how WSIS processes and forums can support stakeholder contributions to the Compact' },
};

/**
 * GDC objectives (para 7) and paragraph-level commitments from
 * `gdc/gdc.json`, with PART_OF, UNDER_OBJECTIVE, ASKS / NAMES / MANDATES and
 * CONTRIBUTES_TO (SDG tags) edges; plus A/RES/79/325, which sets up the two
 * AI bodies the Compact created. Principles are not imported: the lettered
 * list of the adopted para 8 was not found.
 */
export function importGdc(data: ReferenceData, b: SeedBuilder): void {
  const gdc = data.gdc;
  const refs = (keys: string[]): SourceRef[] => {
    const out = keys.map((k) => (gdc.sources[k] ? { url: gdc.sources[k] } : { document: k }));
    return out.length > 0 ? out : [dataFileRef(FILE)];
  };

  for (const o of gdc.objectives) {
    const id = b.addNode(
      'nodes/gdc-objective.json',
      'GdcObjective',
      String(o.number),
      { en: o.title },
      {
        number: o.number,
        shortLabel: o.short_label,
        paragraph: o.paragraph_listed,
        subAreas: (o.thematic_sub_areas ?? []).map((s) => s.label),
      },
      {
        sources: [{ document: 'A/RES/79/1, annex I', paragraph: o.paragraph_listed }, ...refs(o.sources)],
        confidence: toConfidence(o.confidence),
        notes: o.sub_area_note ? [o.sub_area_note] : undefined,
      },
    );
    b.addEdge('edges/gdc.json', 'PART_OF', id, PACT, {}, {
      sources: [{ document: 'A/RES/79/1, annex I', paragraph: o.paragraph_listed }],
      confidence: 'source',
    });
  }

  gdc.commitments_and_actions.forEach((c, index) => {
    const code = commitmentCode(c, index);
    const adopted = c.text_version === 'final';
    const confidence = toConfidence(c.confidence);
    const document = adopted ? 'A/RES/79/1, annex I' : `Global Digital Compact draft ${revision(c.text_version)}`;
    const paraRef: SourceRef = c.paragraph ? { document, paragraph: c.paragraph } : { document };
    const notes = c.note ? [c.note] : [];
    if (!adopted) notes.push(`paragraph number of the draft ${revision(c.text_version)}; the adopted number may differ`);
    const id = b.addNode(
      'nodes/gdc-commitment.json',
      'GdcCommitment',
      code,
      { en: c.topic_label },
      {
        paragraph: c.paragraph ?? undefined,
        action: c.topic_label,
        status: adopted ? 'adopted' : 'draft',
        draft: adopted ? undefined : revision(c.text_version),
        objective: c.objective !== null ? String(c.objective) : undefined,
        subArea: c.sub_area,
        section: c.section,
        sdgTags: c.sdg_tags ?? undefined,
        processesNamed: c.processes_named,
      },
      { sources: [paraRef, ...refs(c.sources)], confidence, notes },
    );
    if (adopted) b.addEdge('edges/gdc.json', 'PART_OF', id, PACT, {}, { sources: [paraRef], confidence });
    if (c.objective !== null) {
      b.addEdge('edges/gdc.json', 'UNDER_OBJECTIVE', id, toGlobalId('GdcObjective', String(c.objective)), {}, {
        sources: [paraRef, ...refs(c.sources)],
        confidence: 'source',
        notes: adopted ? undefined : ['objective as the source places the draft paragraph'],
      });
    }
    for (const name of c.processes_named ?? []) {
      const to = NAMED[name];
      if (to === undefined) throw new Error(`gdc.json: no mapping for the named process "${name}" (para ${code})`);
      if (to === null) continue;
      const verb = VERBS[`${c.paragraph}|${to}`];
      b.addEdge('edges/gdc.json', verb?.type ?? 'NAMES', id, to, { action: verb?.action, nameInSource: name }, {
        sources: [paraRef, ...refs(c.sources)],
        confidence,
      });
    }
    for (const goal of c.sdg_tags ?? []) {
      b.addEdge('edges/gdc.json', 'CONTRIBUTES_TO', id, toGlobalId('SdgGoal', goal), { tag: `SDG ${goal}` }, {
        sources: [paraRef, ...refs(c.sources)],
        confidence,
        notes: ['SDG tag printed beside the paragraph in the adopted text'],
      });
    }
  });

  addBodiesCreatedByTheCompact(gdc, b, refs);
}

/**
 * 56(a) and 56(b) establish the AI Scientific Panel and initiate the Global
 * Dialogue; para 48's request led to the CSTD working group; A/RES/79/325
 * set the terms of reference of the two AI bodies.
 */
function addBodiesCreatedByTheCompact(gdc: GdcFile, b: SeedBuilder, refs: (keys: string[]) => SourceRef[]): void {
  const recalledParagraph = 'that the GDC created this body is sourced; the paragraph number is recalled, not seen';
  const create = (paragraph: string, to: string, relation: string, action: string, confidence: 'source' | 'recalled', notes?: string[]) => {
    const c = gdc.commitments_and_actions.find((x) => x.paragraph === paragraph && x.text_version === 'final');
    if (!c) throw new Error(`gdc.json has no adopted paragraph ${paragraph}`);
    b.addEdge('edges/gdc.json', 'MANDATES', toGlobalId('GdcCommitment', paragraph), to, { relation, action }, {
      sources: [{ document: 'A/RES/79/1, annex I', paragraph }, ...refs(c.sources)],
      confidence,
      notes,
    });
  };
  create('56(a)', 'Entity:AI_SCIENTIFIC_PANEL', 'establishes', 'establish the Independent International Scientific Panel on AI', 'recalled', [recalledParagraph]);
  create('56(b)', 'Process:Global-Dialogue-AI-Governance', 'initiates', 'initiate the Global Dialogue on AI Governance', 'recalled', [recalledParagraph]);
  create('48', 'Entity:CSTD_WGDG', 'requests_establishment', 'the CSTD is asked to set up this working group', 'source');

  const panel = gdc.follow_up_mechanisms.find((m) => m.name.startsWith('Independent International Scientific Panel'));
  if (!panel) throw new Error('gdc.json: no Scientific Panel mechanism');
  const sources = refs(panel.sources);
  b.addNode(
    'nodes/resolution.json',
    'Resolution',
    'A/RES/79/325',
    { en: 'A/RES/79/325' },
    {
      symbol: 'A/RES/79/325',
      body: 'UNGA',
      instrument: 'unga_resolution',
      date: '2025-08-26',
      year: 2025,
      draftSymbol: 'A/79/L.118',
      shortLabel: 'Terms of reference and modalities of the Scientific Panel on AI and the Global Dialogue on AI Governance',
    },
    {
      sources,
      confidence: 'source',
      notes: ['English title not found in the stored sources; name is the symbol', `from gdc.json: ${panel.implemented_by ?? ''}`],
    },
  );
  for (const to of ['Entity:AI_SCIENTIFIC_PANEL', 'Process:Global-Dialogue-AI-Governance']) {
    b.addEdge('edges/gdc.json', 'MANDATES', 'Resolution:A/RES/79/325', to, { relation: 'sets_terms_of_reference', action: 'terms of reference and modalities' }, {
      sources: [{ document: 'A/RES/79/325' }, ...sources],
      confidence: 'source',
    }, 'sets_terms_of_reference');
  }
  b.addEdge('edges/gdc.json', 'FOLLOWS_UP', 'Resolution:A/RES/79/325', PACT, { relation: 'implements GDC decision' }, {
    sources: [{ document: 'A/RES/79/325' }, ...sources],
    confidence: 'source',
    notes: ['the data says A/RES/79/325 implements the GDC decision to create the two AI bodies'],
  });
}

function commitmentCode(c: GdcFile['commitments_and_actions'][number], index: number): string {
  if (c.text_version === 'final') {
    if (!c.paragraph) throw new Error(`gdc.json: an adopted commitment without paragraph (#${index})`);
    return c.paragraph;
  }
  // draft-only items get a code that cannot clash with an adopted paragraph
  return `${revision(c.text_version)}/${c.paragraph ?? `unnumbered-${index}`}`;
}

function revision(textVersion: string): string {
  return textVersion.replace(/^rev\./i, 'Rev.');
}
