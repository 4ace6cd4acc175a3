import { EXACT_CODE, EXACT_NAME, MAX_CONTAINED_NAME, MAX_CONTAINING_QUERY, containingScore, normaliseText, queryTokens, textScore } from './text-index';

/**
 * The embedded store's search index: which nodes a query can match, and
 * their text scores (`textScore`), without reading every node.
 *
 * Words, not characters. A query token holds no space, and a normalised text
 * is words joined by single spaces, so a text contains a token exactly when
 * one of its words does ("health" is in "e health", "数字" in the word
 * "数字经济"). The index keeps each distinct word once (the vocabulary), a
 * character unigram and bigram index over the vocabulary to find the words
 * that contain a token, and per word the nodes that have it. At ×1000
 * (198k nodes) the vocabulary is 15k words and a node has 14, where the
 * character n-grams of its names were hundreds: building the index was most
 * of the start-up and its postings most of the heap.
 *
 * A one-word query (most of them) is scored from the postings alone: each
 * entry keeps the length of the shortest text of the node that holds the
 * word and of the shortest that starts with it, which is all
 * `textScore` reads for one token (exact name or code, the share covered,
 * the prefix bonus). A query of several words scores the nodes that have all
 * of them with `textScore` over their texts, as does every node that has a
 * name the query contains (found whole, by substring lookup).
 *
 * Ids are interned as integers in increasing order, so postings are sorted
 * typed arrays; a removed id's integer is retired (its texts dropped) and
 * skipped on reading, and the postings are rewritten without retired
 * integers once they outnumber the live ones. Re-adding an id gives it a new
 * integer.
 */
export class WordIndex {
  /** Integer → id, or undefined once retired. */
  private readonly ids: (string | undefined)[] = [];
  /** Integer → the normalised texts indexed under it (code first). */
  private readonly texts: (readonly string[] | undefined)[] = [];
  /** Integer → the node's code sort key, which orders equal scores (`toSortKey`, given by the store). */
  private readonly keys: string[] = [];
  /** Integer → what the node's importance adds to its text score (`importanceOf(degree)`, set by the store). */
  private readonly importance: number[] = [];
  private readonly numberOf = new Map<string, number>();
  /** Word → its number; numbers index `words` and `postings`. */
  private readonly wordNumbers = new Map<string, number>();
  private readonly words: string[] = [];
  private readonly postings: WordPosting[] = [];
  /** Character unigrams and bigrams of the vocabulary → word numbers, increasing. */
  private readonly wordGrams = new Map<string, IntList>();
  /**
   * Short texts whole → the integer of the id that has it, or of those that have it when several do.
   * Most texts have one holder (at ≈1M nodes millions of names, each synthetic copy's its own): a
   * number there instead of a one-entry array keeps millions of objects out of the old space, which
   * every full collection marks.
   */
  private readonly byName = new Map<string, number | number[]>();
  private retired = 0;
  // Per-integer scratch for one query (search is synchronous): `stamp[n] === epoch` marks n as seen.
  private stamp = new Int32Array(0);
  private shortest = new Int32Array(0);
  private leading = new Int32Array(0);
  private epoch = 0;
  // Per-word scratch for `add`.
  private readonly wordStamp: number[] = [];
  private readonly wordShortest: number[] = [];
  private readonly wordLeading: number[] = [];
  /** The words `add` saw for its node: one array reused, not one per node. */
  private readonly touched: number[] = [];

  /** @param compactAfter retired integers tolerated before the postings are rewritten (tests make it small). */
  constructor(private readonly compactAfter = 1024) {}

  /**
   * Indexes `texts` (the code first, then names) under `id`, replacing what
   * was there; `sortKey` orders it among equal scores (see {@link match}).
   */
  add(id: string, texts: readonly string[], sortKey = ''): void {
    this.remove(id);
    const n = this.ids.length;
    this.ids.push(id);
    this.numberOf.set(id, n);
    const normalised = texts.map(normaliseText);
    this.texts.push(normalised);
    this.importance.push(0);
    this.keys.push(sortKey);
    // Per distinct word: the shortest text holding it, and the shortest starting with it, in per-word
    // scratch (`wordStamp[w] === n + 1`: seen for this node), so a word costs one map read at load.
    const touched = this.touched;
    touched.length = 0;
    for (const text of normalised) {
      if (text === '') continue;
      const words = text.split(' ');
      for (let i = 0; i < words.length; i++) {
        const w = this.wordNumberOf(words[i]!);
        if (this.wordStamp[w] !== n + 1) {
          this.wordStamp[w] = n + 1;
          this.wordShortest[w] = text.length;
          this.wordLeading[w] = i === 0 ? text.length : NONE;
          touched.push(w);
        } else {
          if (text.length < this.wordShortest[w]!) this.wordShortest[w] = text.length;
          if (i === 0 && text.length < this.wordLeading[w]!) this.wordLeading[w] = text.length;
        }
      }
    }
    for (const w of touched) appendEntry(this.postings[w]!, n, this.wordShortest[w]!, this.wordLeading[w]!);
    for (let i = 0; i < normalised.length; i++) {
      const text = normalised[i]!;
      // Each distinct text once (a node has a few: a scan, where a Set was garbage per node at load).
      if (text === '' || text.length > MAX_CONTAINED_NAME || normalised.indexOf(text) !== i) continue;
      const held = this.byName.get(text);
      if (held === undefined) this.byName.set(text, n);
      else if (typeof held === 'number') this.byName.set(text, [held, n]);
      else held.push(n);
    }
  }

  remove(id: string): void {
    const n = this.numberOf.get(id);
    if (n === undefined) return;
    for (const text of new Set(this.texts[n])) {
      const held = this.byName.get(text);
      if (held === undefined) continue;
      if (typeof held === 'number') {
        if (held === n) this.byName.delete(text);
        continue;
      }
      const at = held.indexOf(n);
      if (at >= 0) held.splice(at, 1);
      if (held.length === 1) this.byName.set(text, held[0]!);
      else if (held.length === 0) this.byName.delete(text);
    }
    this.numberOf.delete(id);
    this.ids[n] = undefined;
    this.texts[n] = undefined;
    this.importance[n] = 0;
    this.keys[n] = '';
    if (++this.retired > this.compactAfter && this.retired > this.numberOf.size) this.dropRetired();
  }

  /** Sets what `id`'s importance adds to its scores (0 until set); the store keeps it `importanceOf(degree)`. */
  setImportance(id: string, importance: number): void {
    const n = this.numberOf.get(id);
    if (n !== undefined) this.importance[n] = importance;
  }

  /** The normalised texts indexed under `id` (code first), for `textScore`. */
  textsOf(id: string): readonly string[] {
    const n = this.numberOf.get(id);
    return (n === undefined ? undefined : this.texts[n]) ?? [];
  }

  /**
   * Calls `visit` once for every id whose texts match `query`, with its
   * score: its `textScore` (> 0) plus its importance, in no particular
   * order. Every id that matches is visited, except those that rank below
   * `bar()` when they are reached: a lower score, or the same score and a
   * later sort key. A top-k search passes its worst kept hit, so most hits
   * cost no call at all (at ×1000 "数字" matches 23k nodes, most of them
   * synthetic copies with the same score).
   */
  match(query: string, visit: (id: string, score: number) => void, bar: () => Bar | undefined = () => undefined): void {
    const tokens = queryTokens(query);
    if (tokens.length === 0) return;
    const phrase = tokens.join(' ');
    const containing = this.containedIn(phrase);
    const consider = (n: number, score: number) => {
      if (!this.below(bar(), n, score)) visit(this.ids[n]!, score);
    };
    const scoreFully = (n: number) => {
      const text = textScore(tokens, this.texts[n]!);
      if (text > 0) consider(n, text + this.importance[n]!);
    };
    for (const n of containing) if (this.ids[n] !== undefined) scoreFully(n);
    // The postings answer for one token when every name the query contains is in `byName` (it is then
    // in `containing`, scored above): past MAX_CONTAINED_NAME a longer name could be, and is not.
    if (tokens.length === 1 && phrase.length <= MAX_CONTAINED_NAME) {
      this.matchOneWord(phrase, containing, consider);
      return;
    }
    for (const n of this.withEveryToken(tokens)) if (!containing.has(n)) scoreFully(n);
  }

  // Whether a hit ranks after the bar: a lower score, or an equal one with a later sort key (an equal key
  // is left to the caller, which breaks the tie by the raw code and the id).
  private below(bar: Bar | undefined, n: number, score: number): boolean {
    if (!bar) return false;
    if (score !== bar.score) return score < bar.score;
    return this.keys[n]! > bar.key;
  }

  /**
   * Ids that may match `query` (a superset of those `match` visits): those
   * with every token in some word, and those with a name the query contains.
   */
  candidates(query: string): string[] {
    const tokens = queryTokens(query);
    if (tokens.length === 0) return [];
    const found = new Set(this.withEveryToken(tokens));
    for (const n of this.containedIn(tokens.join(' '))) found.add(n);
    const result: string[] = [];
    for (const n of found) {
      const id = this.ids[n];
      if (id !== undefined) result.push(id);
    }
    return result;
  }

  // One token: each node's best text score from its postings' lengths, as `textScore` would compute it
  // over its texts. The code equal to the token scores EXACT_CODE, a text equal to it EXACT_NAME (a text
  // holding a word that holds the token is that token exactly when it is as long); otherwise the shortest
  // text holding it covers the most, and the shortest starting with it gets the prefix bonus on top.
  private matchOneWord(token: string, skip: ReadonlySet<number>, consider: (n: number, score: number) => void): void {
    const epoch = this.nextEpoch();
    const touched: number[] = [];
    for (const w of this.wordsContaining(token)) {
      const posting = this.postings[w]!;
      const prefix = this.words[w]!.startsWith(token);
      for (let i = 0; i < posting.length; i++) {
        const n = posting.nodes[i]!;
        if (this.stamp[n] !== epoch) {
          if (this.ids[n] === undefined || (skip.size > 0 && skip.has(n))) continue;
          this.stamp[n] = epoch;
          this.shortest[n] = posting.shortest[i]!;
          this.leading[n] = prefix ? posting.leading[i]! : NONE;
          touched.push(n);
          continue;
        }
        if (posting.shortest[i]! < this.shortest[n]!) this.shortest[n] = posting.shortest[i]!;
        if (prefix && posting.leading[i]! < this.leading[n]!) this.leading[n] = posting.leading[i]!;
      }
    }
    const length = token.length;
    for (const n of touched) {
      const shortest = this.shortest[n]!;
      let score: number;
      if (shortest === length) score = this.texts[n]![0] === token ? EXACT_CODE : EXACT_NAME;
      else {
        score = containingScore(length / shortest, false);
        const leading = this.leading[n]!;
        if (leading !== NONE) score = Math.max(score, containingScore(length / leading, true));
      }
      consider(n, score + this.importance[n]!);
    }
  }

  // The live integers with every token in one of their words: per token, the union of the postings of
  // the words holding it, counted with the scratch stamps so no set is built.
  private withEveryToken(tokens: readonly string[]): number[] {
    const distinct = [...new Set(tokens)];
    const first = this.nextEpoch(distinct.length);
    const result: number[] = [];
    distinct.forEach((token, t) => {
      const last = t === distinct.length - 1;
      for (const w of this.wordsContaining(token)) {
        const posting = this.postings[w]!;
        for (let i = 0; i < posting.length; i++) {
          const n = posting.nodes[i]!;
          // Taken only when seen with every earlier token (any stamp from before this query for the first)
          // and not yet with this one.
          if (t === 0 ? this.stamp[n]! >= first : this.stamp[n] !== first + t - 1) continue;
          if (this.ids[n] === undefined) continue;
          this.stamp[n] = first + t;
          if (last) result.push(n);
        }
      }
    });
    return result;
  }

  // The vocabulary's words containing `token`: the intersection of its grams' word lists, walked from the
  // shortest, each word then checked (sharing a token's bigrams does not mean containing it).
  private wordsContaining(token: string): number[] {
    const lists: IntList[] = [];
    for (const gram of gramsOf(token, true)) {
      const list = this.wordGrams.get(gram);
      if (!list) return [];
      lists.push(list);
    }
    if (lists.length === 0) return [];
    lists.sort((a, b) => a.length - b.length);
    const [shortest, ...others] = lists as [IntList, ...IntList[]];
    const found: number[] = [];
    for (let i = 0; i < shortest.length; i++) {
      const w = shortest.values[i]!;
      if (others.every((list) => contains(list, w)) && this.words[w]!.includes(token)) found.push(w);
    }
    return found;
  }

  // Every substring of the phrase looked up whole: at most
  // MAX_CONTAINING_QUERY × MAX_CONTAINED_NAME map lookups, far less in practice.
  private containedIn(phrase: string): Set<number> {
    const found = new Set<number>();
    if (phrase.length > MAX_CONTAINING_QUERY) return found;
    for (let start = 0; start < phrase.length; start++) {
      if (phrase[start] === ' ') continue;
      const longest = Math.min(phrase.length, start + MAX_CONTAINED_NAME);
      for (let end = start + 2; end <= longest; end++) {
        const held = this.byName.get(phrase.slice(start, end));
        if (typeof held === 'number') found.add(held);
        else if (held) for (const n of held) found.add(n);
      }
    }
    return found;
  }

  private wordNumberOf(word: string): number {
    let w = this.wordNumbers.get(word);
    if (w === undefined) {
      w = this.words.length;
      this.wordNumbers.set(word, w);
      this.words.push(word);
      this.wordStamp.push(0);
      this.wordShortest.push(0);
      this.wordLeading.push(0);
      this.postings.push({ nodes: new Int32Array(1), shortest: new Int32Array(1), leading: new Int32Array(1), length: 0 });
      for (const gram of new Set(gramsOf(word))) {
        let list = this.wordGrams.get(gram);
        if (!list) this.wordGrams.set(gram, (list = { values: new Int32Array(1), length: 0 }));
        appendInt(list, w);
      }
    }
    return w;
  }

  // Scratch stamps for a query that needs `count` consecutive epochs, the arrays grown to every integer.
  private nextEpoch(count = 1): number {
    if (this.stamp.length < this.ids.length) {
      const size = Math.max(this.ids.length, 2 * this.stamp.length);
      const grow = (old: Int32Array) => {
        const grown = new Int32Array(size);
        grown.set(old);
        return grown;
      };
      this.stamp = grow(this.stamp);
      this.shortest = grow(this.shortest);
      this.leading = grow(this.leading);
    }
    if (this.epoch + count + 1 >= 0x7fffffff) {
      this.stamp.fill(0);
      this.epoch = 0;
    }
    const first = this.epoch + 1;
    this.epoch += count;
    return first;
  }

  // Rewrites every posting without retired integers (amortised over the removals that retired them).
  private dropRetired(): void {
    for (const posting of this.postings) {
      let kept = 0;
      for (let i = 0; i < posting.length; i++) {
        const n = posting.nodes[i]!;
        if (this.ids[n] === undefined) continue;
        posting.nodes[kept] = n;
        posting.shortest[kept] = posting.shortest[i]!;
        posting.leading[kept] = posting.leading[i]!;
        kept++;
      }
      posting.length = kept;
      if (posting.nodes.length > 2 * Math.max(1, kept)) {
        posting.nodes = posting.nodes.slice(0, Math.max(1, kept));
        posting.shortest = posting.shortest.slice(0, Math.max(1, kept));
        posting.leading = posting.leading.slice(0, Math.max(1, kept));
      }
    }
    this.retired = 0;
  }
}

/** The hit a search must beat: the worst it keeps, its score and code sort key. */
export interface Bar {
  score: number;
  key: string;
}

/** No text starts with the word. */
const NONE = 0x7fffffff;

/** A word's nodes in increasing order, each with its shortest text holding the word and starting with it (or NONE). */
interface WordPosting {
  nodes: Int32Array;
  shortest: Int32Array;
  leading: Int32Array;
  length: number;
}

/** Integers in increasing order: the first `length` entries of `values` (which has room to grow). */
interface IntList {
  values: Int32Array;
  length: number;
}

// Doubling keeps appends amortised O(1); most lists stay small.
function appendEntry(posting: WordPosting, n: number, shortest: number, leading: number): void {
  if (posting.length === posting.nodes.length) {
    const size = Math.max(2, posting.nodes.length * 2);
    posting.nodes = grown(posting.nodes, size);
    posting.shortest = grown(posting.shortest, size);
    posting.leading = grown(posting.leading, size);
  }
  posting.nodes[posting.length] = n;
  posting.shortest[posting.length] = shortest;
  posting.leading[posting.length] = leading;
  posting.length++;
}

function appendInt(list: IntList, value: number): void {
  if (list.length === list.values.length) list.values = grown(list.values, Math.max(2, list.values.length * 2));
  list.values[list.length++] = value;
}

function grown(values: Int32Array, size: number): Int32Array {
  const copy = new Int32Array(size);
  copy.set(values);
  return copy;
}

/** Binary search of a sorted list. */
function contains(list: IntList, value: number): boolean {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const found = list.values[mid]!;
    if (found === value) return true;
    if (found < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

// Unigrams let one-character queries (common in Chinese) use the index too;
// a query token needs only its bigrams (or its single character).
function gramsOf(text: string, forQuery = false): string[] {
  const chars = [...text];
  const grams: string[] = [];
  if (!forQuery || chars.length === 1) for (const c of chars) grams.push(c);
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!);
  return grams;
}
