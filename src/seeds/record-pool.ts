import type { SourceRef } from '../domain/graph-records';

/**
 * One copy of what the seeds repeat, for the records of one load: equal
 * strings (node ids as the ends of links, document names and URLs) and equal
 * lists of sources (most records of a file cite the same document), each
 * kept once. JSON.parse makes a new string and object per occurrence; at
 * ×1000 (198k nodes, 346k links) those copies were about 100 MB of the heap,
 * and a link's ends that are the node's own id strings are found by the
 * store's maps without hashing them again. Lists are frozen; share nothing
 * that is not.
 */
export class RecordPool {
  private readonly strings = new Map<string, string>();
  private readonly sourceLists = new Map<string, readonly SourceRef[]>();

  /** The pooled string equal to `text` (the first one seen). */
  text(text: string): string {
    const kept = this.strings.get(text);
    if (kept !== undefined) return kept;
    this.strings.set(text, text);
    return text;
  }

  /**
   * The pooled list equal to `sources` (field for field, in order), frozen. A list not seen before is
   * pooled itself: its texts replaced by the pooled ones, then frozen (so give only a list of your own).
   */
  sources(sources: SourceRef[]): readonly SourceRef[] {
    const key = sourcesKey(sources);
    const kept = this.sourceLists.get(key);
    if (kept !== undefined) return kept;
    for (const source of sources) {
      for (const field of ['document', 'paragraph', 'url'] as const) {
        const text = source[field];
        if (text !== undefined) source[field] = this.text(text);
      }
      Object.freeze(source);
    }
    this.sourceLists.set(key, Object.freeze(sources));
    return sources;
  }
}

// Each field length-prefixed (or `-` when absent), so no two different lists share a key.
function sourcesKey(sources: readonly SourceRef[]): string {
  let key = '';
  for (const source of sources) {
    for (const text of [source.document, source.paragraph, source.url]) key += text === undefined ? '-' : `${text.length}:${text}`;
    key += ';';
  }
  return key;
}
