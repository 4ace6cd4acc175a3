/**
 * The kinds of node in the graph. Each is a GraphQL type implementing `Node`
 * and a Neo4j label. Global ids are readable: `"<Type>:<code>"`
 * (`"SdgTarget:9.c"`, `"ActionLine:C7.e-health"`, `"Resolution:A/RES/70/125"`).
 */
export const NODE_TYPES = [
  'ActionLine', // WSIS action lines C1–C11 and the 8 C7 sub-lines (Geneva Plan of Action, 2003)
  'Theme', // Tunis Agenda themes treated beside the action lines (financing, Internet governance, measurement)
  'SdgGoal',
  'SdgTarget',
  'SdgIndicator',
  'Entity', // UN entities, bodies and other organisations
  'Resolution', // every mandate text: UNGA/ECOSOC/ITU resolutions, WSIS outcome documents
  'Paragraph', // a numbered paragraph of a Resolution that asks something of someone (e.g. A/RES/80/173 para 67)
  'Initiative',
  'GdcObjective', // A/RES/79/1 annex I para 7
  'GdcPrinciple', // A/RES/79/1 annex I para 8
  'GdcCommitment', // paragraph-level commitments and actions of the GDC
  'Process', // WSIS Forum, IGF, CSTD follow-up, UNGIS, HLPF, Summit of the Future, ...
  'Meeting', // one meeting or session of a process or body: WSIS Forum 2023, IGF 2023 Kyoto, CSTD 26th session (number, date, place)
  'MappingStudy', // a curated, versioned set of action line × SDG mapping assertions (code "<slug>/v<version>"); made through the API, not seeded
] as const;

export type NodeType = (typeof NODE_TYPES)[number];

export function isNodeType(value: string): value is NodeType {
  return (NODE_TYPES as readonly string[]).includes(value);
}

/** The separator between type and code in a global id; codes may contain ':' themselves. */
const ID_SEPARATOR = ':';

/** Builds a global id: `toGlobalId('SdgTarget', '9.c') === 'SdgTarget:9.c'`. */
export function toGlobalId(type: NodeType, code: string): string {
  return `${type}${ID_SEPARATOR}${code}`;
}

/**
 * Splits a global id into type and code, or returns `null` when it is not of
 * the form `"<Type>:<code>"` with a known type and a non-empty code.
 */
export function parseGlobalId(id: string): { type: NodeType; code: string } | null {
  const at = id.indexOf(ID_SEPARATOR);
  if (at <= 0) return null;
  const type = id.slice(0, at);
  const code = id.slice(at + 1);
  if (!isNodeType(type) || code.length === 0) return null;
  return { type, code };
}
