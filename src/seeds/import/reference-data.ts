import type { FacilitatorEvidenceFile } from './import-facilitator-evidence';
import type { Wsis10OutcomeFile } from './import-wsis10-outcome';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The shapes of the reference data files in `shared/data/` (see its
 * SOURCES.md), typed only as far as the importers read them. Reading is the
 * only thing this module does; every decision about the graph is in the
 * importers.
 */

export type Citation = string | string[] | null | undefined;

export interface Facilitator {
  entity: string;
  role: string;
  role_word_in_source: boolean;
  basis: string;
  confidence: string;
  sources: string[];
}

export interface ActionLineRecord {
  code: string;
  kind: 'action_line' | 'c7_sub_line';
  parent?: string;
  name_en: string;
  name_en_geneva_plan_2003?: string;
  name_zh_un?: string;
  name_zh_itu?: string;
  name_zh_itu_short?: string;
  seed_004_paras?: string;
  sub_lines?: string[];
  facilitators?: Facilitator[];
  notes?: string[];
  sources: string[];
  confidence: string;
}

export interface ThemeRecord {
  id: string;
  name_en: string;
  tunis_agenda_heading?: string;
  name_zh_un?: string;
  seed_004_paras?: string;
  key_points?: { item: string; paras?: string; source?: string; entities?: string[]; initiative?: string }[];
  sources: string[];
  confidence: string;
}

export interface ActionLinesFile {
  about: { overall_coordination?: unknown; itu_summary?: unknown };
  action_lines: ActionLineRecord[];
  tunis_agenda_themes: ThemeRecord[];
}

export interface ZhName {
  text: string;
  seed: string;
  kind?: string;
}

export interface EntityRecord {
  id: string;
  name_en: string;
  name_en_basis: string;
  name_zh: ZhName[];
  type: string;
  type_basis: string;
  parent?: string;
  respondent_to_sg_wsis_report_2024: boolean;
  facts?: { fact: string; source: Citation; confidence: string }[];
  notes?: string | null;
  sources: string[];
  confidence: string;
}

export interface ResolutionRelation {
  type: string;
  target: string;
  target_kind: string;
  note?: string;
  paras?: string;
  source: Citation;
  confidence: string;
}

export interface ResolutionMandate {
  entity: string;
  label: string;
  paras?: string;
  entity_kind: string;
  source: Citation;
  confidence: string;
}

export interface ResolutionRecord {
  id: string;
  symbol: string | null;
  body: string;
  body_kind?: string;
  instrument: string;
  date: string | null;
  year: number | null;
  title_en: string | null;
  title_en_basis: string | null;
  title_zh: ZhName[];
  short_label: string;
  relations: ResolutionRelation[];
  mandates: ResolutionMandate[];
  notes?: string | null;
  venue?: string;
  draft_symbol?: string;
  sources: string[];
  confidence: string;
}

export interface InitiativeRecord {
  id: string;
  name_en: string;
  name_en_basis: string;
  name_zh: ZhName[];
  kind: string;
  status?: string;
  lead_entities: string[];
  partners: string[];
  start: string | null;
  action_lines: { action_line: string; basis: string; source: Citation }[];
  sdgs: { sdg_goal: number | string; target?: string; note?: string; source: Citation }[];
  related_resolutions: { id: string; relation: string; source: Citation }[];
  facts?: { fact: string; source: Citation }[];
  notes?: string | string[] | null;
  sources: string[];
  confidence: string;
}

export interface ActivityRecord {
  id: string;
  seed_para: number;
  section: string;
  entities: string[];
  initiative: string | null;
  label: string;
  source: string;
  confidence: string;
}

export interface MatrixPair {
  sdg_goal: number;
  status: 'agreed' | 'conflict';
  notes: string[];
}

export interface MatrixLink {
  action_line: string;
  sdg_goal: number;
  level: 'target' | 'goal';
  target: string | null;
  rationale_labels: string[] | null;
  row_groups: string[] | null;
  source_rows: string[];
  confidence: string;
  source: Citation;
  flags?: string[];
}

export interface MatrixFile {
  about: { origin_sources: string[] };
  coverage: { verified_against_itu_original: boolean; verification_note: string };
  action_lines: { code: string; sdg_goals: MatrixPair[] }[];
  links: MatrixLink[];
}

export type LangKey = 'en' | 'zh-Hans' | 'fr' | 'es' | 'ar' | 'ru';
export type Texts = Partial<Record<LangKey, string | null>>;

export interface SdgFramework {
  sources: Record<string, { repo?: string; path?: string; commit?: string; original_url?: string; what: string }>;
  goals: {
    code: string;
    title: Texts;
    title_source: Texts;
    short_name: Texts;
    colour: Record<string, string | boolean>;
    text_variants: Record<string, unknown>;
    confidence: string;
  }[];
  targets: {
    code: string;
    goal: string;
    kind: 'outcome' | 'means_of_implementation';
    title: Texts;
    title_source: Texts;
    indicator_codes: string[];
    text_variants: Record<string, unknown>;
    confidence: string;
  }[];
  indicators: {
    code: string;
    target: string;
    goal: string;
    unsd_indicator_code: string;
    also_listed_under: string[];
    title: Texts;
    title_source: Texts;
    translation_flags: Partial<Record<LangKey, string[]>>;
    confidence: string;
  }[];
}

export interface GdcFile {
  sources: Record<string, string>;
  document: Record<string, unknown> & { sources: string[] };
  objectives: {
    number: number;
    title: string;
    short_label: string;
    paragraph_listed: string;
    thematic_sub_areas?: { label: string; key: string }[];
    sub_area_note?: string;
    sources: string[];
    confidence: string;
  }[];
  principles: { paragraph: string; items: unknown[]; note: string; sources: string[] };
  commitments_and_actions: {
    paragraph: string | null;
    objective: number | null;
    topic_label: string;
    text_version: string;
    sub_area?: string;
    section?: string;
    sdg_tags?: string[] | null;
    processes_named?: string[];
    note?: string;
    sources: string[];
    confidence: string;
  }[];
  follow_up_mechanisms: {
    name: string;
    created_by: string;
    implemented_by?: string;
    facts: string[];
    note?: string;
    sources: string[];
    confidence: string;
  }[];
  existing_processes_named: { process: string; paragraphs: string[]; sources: string[]; note?: string }[];
  not_found: string[];
}

export interface Wsis20File {
  sources: Record<string, string>;
  document: Record<string, unknown> & { sources: string[] };
  builds_on: { ref: string; date?: string | null; what: string; named_in_preamble: boolean | null; sources: string[]; confidence: string }[];
  paragraph_actions: {
    paragraph: number;
    action_label: string;
    asked_entities: string[] | null;
    theme: string;
    deadline?: string;
    note?: string;
    sources: string[];
    confidence: string;
  }[];
  process_timeline: { date: string; event: string; sources: string[] }[];
  key_decisions: { topic: string; decision: string | null; paragraph: number | null; sources: string[]; note?: string; confidence: string | null }[];
  not_found: string[];
}

/** `sdg/sdg_kos_links.json`: UN SDG KOS URIs of the framework's goals, targets and indicators. */
export interface KosLinksFile {
  about: { source: { repo: string; path: string; commit: string } };
  goals: { code: string; kos_uri: string; confidence: string; sdgio?: string[]; wikidata?: string[] }[];
  targets: { code: string; kos_uri: string; confidence: string; sdgio?: string[] }[];
  indicators: {
    unsd_code: string;
    dataset_listings: string[];
    kos_uri: string;
    confidence: string;
    sdgio?: string[];
    kos_tier_2019?: string[];
    kos_custodian_agencies?: string[];
    kos_2020_code_with_same_number?: string[];
  }[];
}

export interface ReferenceData {
  dir: string;
  kos: KosLinksFile;
  facilitatorEvidence: FacilitatorEvidenceFile;
  wsis10: Wsis10OutcomeFile;
  actionLines: ActionLinesFile;
  entities: { entities: EntityRecord[] };
  resolutions: { resolutions: ResolutionRecord[] };
  initiatives: { initiatives: InitiativeRecord[] };
  activities: { activities: ActivityRecord[] };
  matrix: MatrixFile;
  sdg: SdgFramework;
  gdc: GdcFile;
  wsis20: Wsis20File;
}

/** Reads every reference file the importers use from `dir` (the `shared/data` folder). */
export function readReferenceData(dir: string): ReferenceData {
  const json = <T>(relative: string): T => JSON.parse(readFileSync(path.join(dir, relative), 'utf8')) as T;
  return {
    dir,
    kos: json('sdg/sdg_kos_links.json'),
    facilitatorEvidence: json('wsis/facilitator_role_evidence.json'),
    wsis10: json('wsis/wsis10_outcome_A-RES-70-125_partial.json'),
    actionLines: json('wsis/action_lines.json'),
    entities: json('wsis/entities.json'),
    resolutions: json('wsis/resolutions.json'),
    initiatives: json('wsis/initiatives.json'),
    activities: json('wsis/seed004_activities.json'),
    matrix: json('wsis/wsis_sdg_matrix.json'),
    sdg: json('sdg/sdg_framework.json'),
    gdc: json('gdc/gdc.json'),
    wsis20: json('wsis20/wsis20_outcome.json'),
  };
}
