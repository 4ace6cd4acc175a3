import type { GraphNode } from '../domain/graph-records';
import type { NodeType } from '../domain/node-types';
import { normaliseText, searchNamesOf } from '../store/text-index';

/**
 * Every name a document may use for a node, folded as search folds text
 * (`normaliseText`), to the nodes it names: the names in the six languages,
 * the name variants (`searchNamesOf`) and, for the types whose codes are
 * printed in texts (acronyms such as `UNDP`, `IGF`, action lines `C3`), the
 * code. Resolution symbols, SDG and GDC numbers are read by patterns
 * instead (see `linkText`).
 */
export interface DictionaryEntry {
  /** The folded name. */
  text: string;
  /** Nodes it names, best first (see {@link TYPE_PRIORITY}). */
  ids: string[];
  /** How the name is known: an official name, a variant, or a printed code. */
  method: 'name' | 'variant' | 'code';
  type: NodeType;
  /** An acronym printed in capitals (`WHO`, `GDC`): matches only where the text has no lower-case letter (not the word "who"). */
  caseSensitive: boolean;
  /** A title known only in its quotation marks (`《行动计划》`): matches only where the text quotes it too. */
  quoted: boolean;
}

/** Node types the linker looks for by name; SDG and GDC parts, paragraphs and studies are found by number or not at all. */
export const LINKED_TYPES: readonly NodeType[] = ['Entity', 'Process', 'Initiative', 'Resolution', 'ActionLine', 'Theme'];

// When one name names several nodes (an advisory body both an entity and an
// initiative), the body is the likelier referent of a document's mention.
const TYPE_PRIORITY: Record<string, number> = { Entity: 0, Process: 1, Resolution: 2, Initiative: 3, ActionLine: 4, Theme: 5 };

// Action line codes are read by pattern (C11 but not C11/INF/6, a Council document).
const CODE_TYPES = new Set<NodeType>(['Entity', 'Process']);
const MIN_NAME = 2;
const MAX_NAME = 64;

export class NameDictionary {
  private readonly byText = new Map<string, DictionaryEntry>();
  /** Entries by their first two characters, longest first, for a left-to-right scan. */
  private readonly byPrefix = new Map<string, DictionaryEntry[]>();
  readonly nodes = new Map<string, GraphNode>();

  constructor(nodes: Iterable<GraphNode>) {
    for (const node of nodes) {
      this.nodes.set(node.id, node);
      if (!LINKED_TYPES.includes(node.type)) continue;
      const names = searchNamesOf(node);
      const official = new Set(Object.values(node.name));
      for (const name of names) this.add(name, node, official.has(name) ? 'name' : 'variant');
      if (CODE_TYPES.has(node.type) && /^[A-Z][A-Z0-9_-]*$/.test(node.code)) this.add(node.code, node, 'code');
    }
    for (const entry of this.byText.values()) {
      entry.ids.sort((a, b) => TYPE_PRIORITY[this.nodes.get(a)!.type]! - TYPE_PRIORITY[this.nodes.get(b)!.type]!);
      const key = entry.text.slice(0, 2);
      const list = this.byPrefix.get(key) ?? [];
      list.push(entry);
      this.byPrefix.set(key, list);
    }
    for (const list of this.byPrefix.values()) list.sort((a, b) => b.text.length - a.text.length);
  }

  /** Candidate entries starting at `at` in the folded text, longest first. */
  startingAt(folded: string, at: number): DictionaryEntry[] {
    return this.byPrefix.get(folded.slice(at, at + 2)) ?? [];
  }

  /** Whether the graph holds this node (of any type: SDG targets are checked here too). */
  has(id: string): boolean {
    return this.nodes.has(id);
  }

  private add(name: string, node: GraphNode, method: DictionaryEntry['method']): void {
    const text = normaliseText(name);
    if ([...text].length < MIN_NAME || text.length > MAX_NAME || !/\p{L}/u.test(text)) return;
    const caseSensitive = /\p{Lu}/u.test(name) && !/\p{Ll}/u.test(name);
    const quoted = name.trimStart().startsWith('《') && method === 'variant';
    const existing = this.byText.get(text);
    if (!existing) {
      this.byText.set(text, { text, ids: [node.id], method, type: node.type, caseSensitive, quoted });
      return;
    }
    existing.caseSensitive &&= caseSensitive;
    existing.quoted &&= quoted;
    if (!existing.ids.includes(node.id)) existing.ids.push(node.id);
    if (method === 'name' && existing.method !== 'name') existing.method = 'name';
  }
}
