import { toEdgeId, type SourceRef } from '../../domain/graph-records';
import { toGlobalId } from '../../domain/node-types';
import { mergeProvenance, type SeedBuilder } from './seed-builder';

/** `wsis/wsis10_outcome_A-RES-70-125_partial.json`: a paragraph index of the WSIS+10 outcome. */
export interface Wsis10OutcomeFile {
  document: { symbol: string };
  sections_seen: { heading: string; before_para: number; source_page: number }[];
  paragraphs: {
    para: string;
    partial?: string;
    label: string;
    named: string[];
    links_action_lines?: string[];
    asks?: { who: string | string[]; what: string }[];
    facts?: Record<string, number | string>;
    source_page: number;
    note?: string;
  }[];
  source_urls: Record<string, string>;
}

const DOCUMENT = 'A/RES/70/125';

/**
 * What a paragraph's "named" entry is in the graph: a node id (with the
 * paragraphs of it the text cites), or a group kept as text. A name not in
 * this table stops the import, so a new entry in the reference data is
 * looked at, never dropped.
 */
const NAMED: Readonly<Record<string, { id?: string; paragraphs?: string; group?: string; sdgGoal?: string; actionLine?: string }>> = {
  'outcomes of the summits held in Geneva and Tunis': { id: 'Process:WSIS' },
  'Geneva Declaration of Principles': { id: 'Resolution:WSIS-GENEVA-DOP' },
  'Geneva Plan of Action': { id: 'Resolution:WSIS-GENEVA-POA' },
  'action line C10': { actionLine: 'C10' },
  '2030 Agenda for Sustainable Development': { id: 'Resolution:A/RES/70/1' },
  'Plenipotentiary Conference of the International Telecommunication Union (2014)': { id: 'Meeting:ITU-PP-14' },
  'Sustainable Development Goal 5': { sdgGoal: '5' },
  'United Nations Entity for Gender Equality and the Empowerment of Women (UN-Women)': { id: 'Entity:UN-WOMEN' },
  'Charter of the United Nations': { id: 'Resolution:UN-CHARTER' },
  'Commission on Science and Technology for Development': { id: 'Entity:CSTD' },
  'action line facilitators': { group: 'action line facilitators' },
  'Tunis Agenda paragraphs 23 and 27': { id: 'Resolution:WSIS-TUNIS-AGENDA', paragraphs: '23, 27' },
  'Technology Facilitation Mechanism': { id: 'Initiative:technology_facilitation_mechanism' },
  'Addis Ababa Action Agenda': { id: 'Resolution:ADDIS-ABABA-ACTION-AGENDA' },
  'World Summit on the Information Society action lines': { group: 'the WSIS action lines' },
  'Digital Solidarity Fund': { id: 'Initiative:digital_solidarity_fund' },
  'Tunis Agenda': { id: 'Resolution:WSIS-TUNIS-AGENDA' },
  'Tunis Commitment': { id: 'Resolution:WSIS-TUNIS-COMMITMENT' },
  'Vienna Declaration and Programme of Action': { id: 'Resolution:VIENNA-DECLARATION' },
  'Group of Governmental Experts on Developments in the Field of Information and Telecommunications in the Context of International Security': {
    id: 'Entity:UN_GGE_ICT',
  },
  'Tunis Agenda paragraph 29': { id: 'Resolution:WSIS-TUNIS-AGENDA', paragraphs: '29' },
  'Tunis Agenda paragraph 34': { id: 'Resolution:WSIS-TUNIS-AGENDA', paragraphs: '34' },
  'Tunis Agenda paragraph 35': { id: 'Resolution:WSIS-TUNIS-AGENDA', paragraphs: '35' },
  'NETMundial Global Multi-stakeholder Meeting on the Future of Internet Governance (São Paulo, 23-24 April 2014)': { id: 'Meeting:NETmundial-2014' },
  'Government of Brazil': { group: 'Government of Brazil' },
  'the Commission (CSTD) and its Working Group': { id: 'Entity:CSTD' },
  'Tunis Agenda paragraphs 69 to 71': { id: 'Resolution:WSIS-TUNIS-AGENDA', paragraphs: '69-71' },
  'Economic and Social Council': { id: 'Entity:ECOSOC' },
  'Secretary-General': { id: 'Entity:UNSG' },
};

// Who a paragraph asks, as the data writes it, to the node asked (and the groups kept as text).
const ASKED: Readonly<Record<string, { ids: string[]; groups?: string[]; note?: string }>> = {
  'all (commitment) with support of relevant United Nations entities, including UN-Women': {
    ids: ['Entity:UN-WOMEN'],
    groups: ['all (a commitment)', 'relevant United Nations entities'],
    note: 'a commitment of all, with the support of relevant UN entities including UN-Women',
  },
  'Commission on Science and Technology for Development': { ids: ['Entity:CSTD'] },
  'all action line facilitators': { ids: [], groups: ['all action line facilitators'] },
  'Chair of the Commission on Science and Technology for Development, through the Economic and Social Council': {
    ids: ['Entity:CSTD'],
    note: 'asked of the CSTD Chair, through ECOSOC',
  },
};

/**
 * The 38 paragraphs of A/RES/70/125 the reference data indexes (24 read whole,
 * 14 in part: `props.partial` says which part was seen) as Paragraph nodes
 * PART_OF the resolution, with their section, label and figures as props,
 * NAMES links to what they name and ASKS links to whom they ask; an ask the
 * seeds already hold as a MANDATES link from that paragraph (paras 33, 65 →
 * CSTD) is merged into it instead.
 */
export function importWsis10Outcome(w: Wsis10OutcomeFile, b: SeedBuilder): void {
  if (w.document.symbol !== DOCUMENT) throw new Error(`expected ${DOCUMENT}, got ${w.document.symbol}`);
  const resolution = toGlobalId('Resolution', DOCUMENT);
  const sections = [...w.sections_seen].sort((a, c) => a.before_para - c.before_para);
  for (const p of w.paragraphs) {
    const url = w.source_urls[String(p.source_page)];
    if (!url) throw new Error(`A/RES/70/125 para ${p.para}: no URL for page ${p.source_page}`);
    const source: SourceRef = { document: DOCUMENT, paragraph: p.para, url };
    const id = toGlobalId('Paragraph', `${DOCUMENT}#${p.para}`);
    const section = sections.filter((s) => s.before_para <= Number(p.para)).at(-1)?.heading;
    const props: Record<string, string | number | string[] | boolean> = { document: DOCUMENT, number: p.para, label: p.label, sourcePage: p.source_page };
    if (section) props.section = section;
    if (p.partial) props.partial = p.partial;
    for (const [key, value] of Object.entries(p.facts ?? {})) props[camel(key)] = value;
    const names = p.named.map((name) => {
      const target = NAMED[name];
      if (!target) throw new Error(`A/RES/70/125 para ${p.para} names "${name}", which the importer does not map`);
      return target;
    });
    const actionLines = [...(p.links_action_lines ?? []), ...names.flatMap((n) => (n.actionLine ? [n.actionLine] : []))];
    if (actionLines.length) props.actionLinesNamed = [...new Set(actionLines)];
    const goals = names.flatMap((n) => (n.sdgGoal ? [n.sdgGoal] : []));
    if (goals.length) props.sdgGoalsNamed = goals;
    const groups = names.flatMap((n) => (n.group ? [n.group] : []));
    if (groups.length) props.namedGroups = groups;
    const provenance = { sources: [source], confidence: 'source' as const, notes: p.note ? [p.note] : undefined };
    const existing = b.getNode(id);
    if (existing) {
      Object.assign(existing.props, { ...props, ...existing.props });
      existing.provenance = mergeProvenance(existing.provenance, provenance);
    } else {
      b.addNode('nodes/paragraph.json', 'Paragraph', `${DOCUMENT}#${p.para}`, { en: `${DOCUMENT}, para ${p.para}` }, props, provenance);
    }
    b.addEdge('edges/wsis10.json', 'PART_OF', id, resolution, {}, provenance);
    for (const n of names) {
      if (!n.id) continue;
      b.addEdge('edges/wsis10.json', 'NAMES', id, n.id, { citedParagraphs: n.paragraphs }, provenance);
    }
    for (const ask of p.asks ?? []) {
      const whos = Array.isArray(ask.who) ? ask.who : [ask.who];
      const asked = whos.map((who) => {
        const a = ASKED[who];
        if (!a) throw new Error(`A/RES/70/125 para ${p.para} asks "${who}", which the importer does not map`);
        return a;
      });
      const askedGroups = asked.flatMap((a) => a.groups ?? []);
      if (askedGroups.length) {
        const node = b.getNode(id)!;
        node.props.askedGroups = [...new Set([...((node.props.askedGroups as string[] | undefined) ?? []), ...askedGroups])];
      }
      for (const a of asked) {
        for (const to of a.ids) {
          const notes = a.note ? [a.note] : undefined;
          const mandate = toEdgeId('MANDATES', id, to);
          if (b.getEdge(mandate)) b.mergeIntoEdge(mandate, { sources: [source], confidence: 'source', notes });
          else b.addEdge('edges/wsis10.json', 'ASKS', id, to, { action: ask.what }, { sources: [source], confidence: 'source', notes });
        }
      }
    }
  }
}

function camel(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}
