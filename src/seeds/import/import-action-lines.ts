import { toGlobalId } from '../../domain/node-types';
import { refEntity } from './id-map';
import type { MatrixLink, ReferenceData } from './reference-data';
import { dataFileRef, toConfidence, toSourceRefs, type SeedBuilder } from './seed-builder';

/** The data's `former_lead_facilitator` is the graph's `former_lead`; the other role words are kept as they are. */
const ROLE_MAP: Readonly<Record<string, string>> = {
  lead_facilitator: 'lead_facilitator',
  co_facilitator: 'co_facilitator',
  facilitator: 'facilitator',
  contributor: 'contributor',
  former_lead_facilitator: 'former_lead',
};

/**
 * Action lines C1–C11, the 8 C7 sub-lines (SUB_LINE_OF → C7), the three Tunis
 * themes, and FACILITATES edges, from `wsis/action_lines.json`.
 */
export function importActionLines(data: ReferenceData, b: SeedBuilder): void {
  const file = 'wsis/action_lines.json';
  for (const line of data.actionLines.action_lines) {
    const isSub = line.kind === 'c7_sub_line';
    const props = {
      kind: isSub ? 'sub_line' : 'action_line',
      parent: line.parent,
      nameGenevaPlan2003: line.name_en_geneva_plan_2003 !== line.name_en ? line.name_en_geneva_plan_2003 : undefined,
      nameZhItu: line.name_zh_itu,
      nameZhItuShort: line.name_zh_itu_short,
      seed004Paras: line.seed_004_paras,
    };
    const id = b.addNode(
      'nodes/action-line.json',
      'ActionLine',
      line.code,
      { en: line.name_en, zh: line.name_zh_un },
      props,
      {
        sources: toSourceRefs(line.sources, dataFileRef(file)),
        confidence: toConfidence(line.confidence),
        notes: [
          'name.en: current ITU/WSIS Forum wording; name.zh: UN wording (SG report, seed 004); nameZhItu: ITU wording (seed 002)',
          ...(line.notes ?? []),
        ],
      },
    );
    if (isSub && line.parent) {
      b.addEdge('edges/action-lines.json', 'SUB_LINE_OF', id, toGlobalId('ActionLine', line.parent), {}, {
        sources: [{ document: 'Geneva Plan of Action (WSIS-03/GENEVA/DOC/5-E)', paragraph: '15' }, ...toSourceRefs(line.sources).slice(0, 1)],
        confidence: 'source',
      });
    }
    for (const f of line.facilitators ?? []) {
      const role = ROLE_MAP[f.role];
      if (!role) throw new Error(`unknown facilitator role "${f.role}" for ${line.code}`);
      b.addEdge(
        'edges/facilitation.json',
        'FACILITATES',
        refEntity(f.entity),
        id,
        { role, roleWordInSource: f.role_word_in_source, roleInData: f.role !== role ? f.role : undefined, basis: f.basis },
        {
          sources: toSourceRefs(f.sources, dataFileRef(file)),
          confidence: toConfidence(f.confidence),
          flags: f.role_word_in_source ? undefined : ['role_inferred_from_convening'],
          notes: f.role_word_in_source
            ? undefined
            : ['the role word is not in the cited sources; the role is read from who convenes the facilitation meetings'],
        },
      );
    }
  }

  for (const theme of data.actionLines.tunis_agenda_themes) {
    b.addNode(
      'nodes/theme.json',
      'Theme',
      theme.id,
      { en: theme.name_en, zh: theme.name_zh_un },
      {
        tunisAgendaHeading: theme.tunis_agenda_heading,
        seed004Paras: theme.seed_004_paras,
        keyPoints: (theme.key_points ?? []).map((k) => k.item),
      },
      { sources: toSourceRefs(theme.sources, dataFileRef(file)), confidence: toConfidence(theme.confidence) },
    );
  }
}

/**
 * MATRIX_LINK edges (WSIS–SDG Matrix, 2015) from `wsis/wsis_sdg_matrix.json`.
 * An action-line/goal pair on which the source's three views disagree carries
 * the flag `matrix_views_disagree` and the data's own wording of the conflict
 * in its notes; the link records' own remarks are kept as notes too.
 */
export function importMatrix(data: ReferenceData, b: SeedBuilder): void {
  const matrix = data.matrix;
  const pairs = new Map<string, { status: string; notes: string[] }>();
  for (const line of matrix.action_lines) {
    for (const pair of line.sdg_goals) pairs.set(`${line.code}|${pair.sdg_goal}`, pair);
  }
  const origin = toSourceRefs(matrix.about.origin_sources[0]);
  for (const link of matrix.links) {
    const from = toGlobalId('ActionLine', link.action_line);
    const to = link.level === 'target' && link.target ? toGlobalId('SdgTarget', link.target) : toGlobalId('SdgGoal', String(link.sdg_goal));
    const pair = pairs.get(`${link.action_line}|${link.sdg_goal}`);
    const flags = ['third_party_transcription'];
    if (pair?.status === 'conflict') flags.push('matrix_views_disagree');
    if (!link.rationale_labels || link.rationale_labels.length === 0) flags.push('no_rationale_in_source');
    if (link.row_groups && link.row_groups.length > 0) flags.push('merged_source_row');
    b.addEdge(
      'edges/wsis-sdg-matrix.json',
      'MATRIX_LINK',
      from,
      to,
      {
        level: link.level,
        goal: String(link.sdg_goal),
        rationale: rationaleOf(link),
        rowGroup: link.row_groups ?? undefined,
        sourceRows: link.source_rows,
        pairStatus: pair?.status,
      },
      {
        sources: [...toSourceRefs(link.source), ...origin],
        confidence: toConfidence(link.confidence),
        flags,
        notes: [...(link.flags ?? []), ...(pair?.status === 'conflict' ? pair.notes : [])],
      },
    );
  }
}

function rationaleOf(link: MatrixLink): string | undefined {
  if (!link.rationale_labels || link.rationale_labels.length === 0) return undefined;
  return link.rationale_labels.join(' / ');
}
