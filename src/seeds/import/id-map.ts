import { toGlobalId } from '../../domain/node-types';

/**
 * One rule decides whether a thing is an Entity or a Process, and this module
 * is the only place that applies it:
 *
 *   an organisation with members or staff of its own (agency, commission,
 *   office, working group, panel) is an **Entity**; a forum, a meeting series,
 *   a review or a follow-up mechanism is a **Process**.
 *
 * entities.json and initiatives.json each hold a few processes by that rule;
 * they are moved here to a Process code, and every reference to their old id
 * is rewritten through `refEntity` / `refInitiative`, so the same thing is
 * never both an Entity and a Process.
 */
export const ENTITIES_AS_PROCESSES: Readonly<Record<string, string>> = {
  IGF: 'IGF', // a forum convened by the Secretary-General (Tunis Agenda para 72)
  HLPF: 'HLPF', // the annual/quadrennial High-level Political Forum meetings
  STI_FORUM: 'STI-Forum', // the annual multi-stakeholder STI Forum
  UNGIS: 'UNGIS', // an inter-agency coordination mechanism of CEB members, without staff of its own
};

export const INITIATIVES_AS_PROCESSES: Readonly<Record<string, string>> = {
  wsis_forum: 'WSIS-Forum', // the annual WSIS Forum (since 2009)
  summit_of_the_future: 'Summit-of-the-Future', // the 2024 summit (A/RES/76/307)
};

/**
 * Records that entities.json and initiatives.json BOTH hold: advisory bodies
 * and a working group, which have members of their own, so by the rule above
 * they are Entities. The initiative record is merged into the entity, and its
 * id stays an alias (`props.aliases`) that `node(id:)` still resolves.
 */
export const INITIATIVES_AS_ENTITIES: Readonly<Record<string, string>> = {
  ai_advisory_body: 'AIAB', // the Secretary-General's High-level Advisory Body on AI (seed 000 para 2.9)
  hlab_effective_multilateralism: 'HLAB', // High-Level Advisory Board on Effective Multilateralism (seed 000 para 2.12)
  iawg_ai: 'IAWG_AI', // UN Inter-Agency Working Group on AI, of HLCP (seed 000 para 2.10)
};

/** The global id of an entities.json id: an Entity, or the Process it was moved to. */
export function refEntity(id: string): string {
  const processCode = ENTITIES_AS_PROCESSES[id];
  return processCode ? toGlobalId('Process', processCode) : toGlobalId('Entity', id);
}

/** The global id of an initiatives.json id: an Initiative, or the Process it was moved to. */
export function refInitiative(id: string): string {
  const entityCode = INITIATIVES_AS_ENTITIES[id];
  if (entityCode) return toGlobalId('Entity', entityCode);
  const processCode = INITIATIVES_AS_PROCESSES[id];
  return processCode ? toGlobalId('Process', processCode) : toGlobalId('Initiative', id);
}

/** The global id of an action line (`C7.e-health`) or Tunis theme (`T-IG`) code. */
export function refActionLineOrTheme(code: string): string {
  return code.startsWith('T-') ? toGlobalId('Theme', code) : toGlobalId('ActionLine', code);
}
