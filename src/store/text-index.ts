import type { GraphNode } from '../domain/graph-records';
import { LANGS } from '../domain/lang';
import { findResolutionSymbols } from '../domain/resolution-symbols';

/**
 * Text matching shared by the stores: which texts of a node search knows,
 * how they are normalised and how a match is scored, so that every adapter
 * ranks the same way.
 *
 * Matching is by substring on normalised text rather than by words, because
 * Chinese (and Japanese) text has no spaces between words: "数字" must find
 * "数字经济", as "health" must find "e-health". It works both ways: a query
 * finds the names that contain it, and the names it contains
 * (`2023 年信息社会世界峰会论坛` finds the WSIS Forum).
 *
 * Why no search library: MiniSearch, FlexSearch and Orama split text into
 * words at spaces and punctuation, so a Chinese name is one "word" and
 * `教科文组织` would not find `联合国教科文组织` without a custom n-gram
 * tokenizer — which is what this module already is, in 200 lines, with a
 * ranking the Neo4j adapter can reproduce exactly.
 */

/**
 * The props whose values are further names of a node: official short names,
 * variants seen in documents (`nameZhVariants`, `nameVariants` from
 * `seeds/names/`), symbols, former names. Values may be strings or arrays
 * of strings; other props are never searched.
 */
export const NAME_PROPS: readonly string[] = [
  'nameVariants',
  'nameZhVariants',
  'nameZhItu',
  'nameZhItuShort',
  'nameGenevaPlan2003',
  'formerNames',
  'shortLabel',
  'symbol',
  'draftSymbol',
  ...LANGS.map((lang) => `shortName_${lang}`),
];

/** Every text search matches for `node`: its names in the six languages, then its name props (not the code). */
export function searchNamesOf(node: Pick<GraphNode, 'name' | 'props'>): string[] {
  const names: string[] = [];
  for (const lang of LANGS) {
    const name = node.name[lang];
    if (name) names.push(name);
  }
  for (const key of NAME_PROPS) {
    const value = node.props[key];
    if (typeof value === 'string' && value !== '') names.push(value);
    else if (Array.isArray(value)) for (const item of value) if (typeof item === 'string' && item !== '') names.push(item);
  }
  return names;
}

/** NFKC, lower case, no diacritics, runs of space and punctuation folded to one space. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
}

/** The query's tokens: space-separated parts of the normalised text. */
export function queryTokens(text: string): string[] {
  const normalised = normaliseText(text);
  return normalised === '' ? [] : normalised.split(' ');
}

/**
 * Scores one node for a query, 0 when it does not match. `degree` is the
 * node's number of links (its importance). See {@link scoreNormalised}.
 */
export function scoreMatch(query: string, code: string, names: readonly string[], degree = 0): number {
  return scoreNormalised(queryTokens(query), [normaliseText(code), ...names.map(normaliseText)], degree);
}

/** Score bands, far enough apart that nothing inside a band reaches the next one. */
const EXACT_CODE = 3000;
const EXACT_NAME = 2900;
const PARTIAL = 1000;

/**
 * `scoreMatch` over texts normalised in advance: `texts[0]` is the code, the
 * rest are names. The rank, best first:
 *   1. the query is the code (3000), or one of the names or acronyms (2900);
 *   2. a name contains every token of the query (the whole query is
 *      covered), or a name is contained in the query (it covers
 *      `name / query` of it): 1000 + 400 × the share of the query covered
 *      + 100 × the share of the name the query covers (so `e-health` ranks
 *      `E-health services` above `Digital e-health services and more`);
 *   then, within each, the node's importance: up to 20 for its degree.
 * A name counts as contained in the query only when it holds a letter, is
 * at least two characters long and, in Latin script, starts and ends at word
 * boundaries (`itu` in `itu d`, not in `situation`).
 */
export function scoreNormalised(tokens: readonly string[], texts: readonly string[], degree = 0): number {
  if (tokens.length === 0 || texts.length === 0) return 0;
  const phrase = tokens.join(' ');
  const importance = importanceOf(degree);
  if (texts[0] === phrase) return EXACT_CODE + importance;
  let best = 0;
  for (const name of texts) {
    if (name === '') continue;
    let score = 0;
    if (name === phrase) score = EXACT_NAME;
    else if (tokens.every((token) => name.includes(token))) {
      const covered = name.includes(phrase) ? phrase.length / name.length : 0.5 * (phrase.length / name.length);
      score = PARTIAL + 400 + 100 * Math.min(1, covered) + (name.startsWith(phrase) ? 10 : 0);
    } else if (name.length < phrase.length && isContainedAsName(name, phrase)) {
      score = PARTIAL + 400 * (name.length / phrase.length) + 100;
    }
    best = Math.max(best, score);
  }
  return best === 0 ? 0 : best + importance;
}

/** Up to 20 points for a node's degree, so that among equal matches the better-connected node comes first. */
function importanceOf(degree: number): number {
  return Math.min(20, 4 * Math.log2(1 + Math.max(0, degree)));
}

/**
 * The resolution ids a query cites in any printed form (`第70/125号决议`,
 * `经社理事会第2006/46号决议`, `Resolution 140 (Rev. Bucharest, 2022)`; see
 * `findResolutionSymbols`), every candidate of every citation: the store
 * looks up which exist and passes them to {@link scoreSymbolCitations}.
 */
export function citedResolutionIds(query: string): string[] {
  if (query.length > MAX_CONTAINING_QUERY) return [];
  return findResolutionSymbols(query).flatMap((mention) => mention.candidates.map((code) => `Resolution:${code}`));
}

/**
 * Scores for the resolutions a query cites, given those of
 * `citedResolutionIds(query)` that exist and their degrees: a citation is
 * read as its first candidate that exists; it scores as an exact code when it
 * is the whole query, else as a name the query contains.
 */
export function scoreSymbolCitations(query: string, degrees: ReadonlyMap<string, number>): Map<string, number> {
  const scores = new Map<string, number>();
  if (query.length > MAX_CONTAINING_QUERY) return scores;
  const length = normaliseText(query).length;
  for (const mention of findResolutionSymbols(query)) {
    const id = mention.candidates.map((code) => `Resolution:${code}`).find((candidate) => degrees.has(candidate));
    if (id === undefined) continue;
    const share = Math.min(1, normaliseText(mention.surface).length / Math.max(1, length));
    const base = share >= 1 ? EXACT_CODE : PARTIAL + 400 * share + 100;
    scores.set(id, Math.max(scores.get(id) ?? 0, base + importanceOf(degrees.get(id)!)));
  }
  return scores;
}

/** Whether `name` occurs in `phrase` as a name would (see {@link scoreNormalised}); both normalised. */
export function isContainedAsName(name: string, phrase: string): boolean {
  if ([...name].length < 2 || !/\p{L}/u.test(name)) return false;
  for (let at = phrase.indexOf(name); at >= 0; at = phrase.indexOf(name, at + 1)) {
    if (atWordBoundary(phrase, at, at + name.length, name)) return true;
  }
  return false;
}

const LATIN_OR_DIGIT = /[a-z0-9\u00c0-\u024f\u0400-\u04ff]/;

// A name that starts (ends) with a Latin letter or digit must not continue a
// word in the phrase; Chinese has no word boundaries to respect.
function atWordBoundary(phrase: string, start: number, end: number, name: string): boolean {
  if (LATIN_OR_DIGIT.test(name[0]!) && start > 0 && LATIN_OR_DIGIT.test(phrase[start - 1]!)) return false;
  if (LATIN_OR_DIGIT.test(name[name.length - 1]!) && end < phrase.length && LATIN_OR_DIGIT.test(phrase[end]!)) return false;
  return true;
}

/** The longest name indexed for the reverse direction, in characters (names longer than this are titles, not names). */
export const MAX_CONTAINED_NAME = 64;
/** The longest query searched for the names it contains (longer texts are documents: `linkDocument`). */
export const MAX_CONTAINING_QUERY = 256;

/**
 * An inverted index of character unigrams and bigrams over normalised names:
 * narrows a search to the few nodes that can match before `scoreNormalised`
 * checks them, so search cost follows the result size, not the graph size.
 * It also keeps the short names whole, to find those a query contains.
 *
 * Memory: ids are interned as integers, given in increasing order, so each
 * gram's posting list is a sorted `Int32Array` (4 bytes an entry, against
 * about 40 for a string in a `Set`), and no per-id list of grams is kept. A
 * removed id's integer is retired (its texts dropped) and left in the
 * postings, skipped on reading; when retired entries outnumber live ones the
 * postings are rewritten without them. Re-adding an id gives it a new integer,
 * so lists stay sorted.
 */
export class NgramIndex {
  private readonly postings = new Map<string, Posting>();
  /** Integer → id, or undefined once retired. */
  private readonly ids: (string | undefined)[] = [];
  /** Integer → the normalised texts indexed under it (code first). */
  private readonly texts: (readonly string[] | undefined)[] = [];
  private readonly numberOf = new Map<string, number>();
  /** Short names whole → the integers of the ids that have them. */
  private readonly byName = new Map<string, number[]>();
  private retired = 0;

  /** @param compactAfter retired integers tolerated before the postings are rewritten (tests make it small). */
  constructor(private readonly compactAfter = 1024) {}

  /** Indexes `texts` (the code first, then names) under `id`, replacing what was there. */
  add(id: string, texts: readonly string[]): void {
    this.remove(id);
    const n = this.ids.length;
    this.ids.push(id);
    this.numberOf.set(id, n);
    const normalisedTexts = texts.map(normaliseText);
    this.texts.push(normalisedTexts);
    const grams = new Set<string>();
    for (const text of normalisedTexts) for (const gram of gramsOf(text)) grams.add(gram);
    for (const gram of grams) {
      let posting = this.postings.get(gram);
      if (!posting) this.postings.set(gram, (posting = { ids: new Int32Array(1), length: 0 }));
      append(posting, n);
    }
    for (const text of new Set(normalisedTexts)) {
      if (text === '' || text.length > MAX_CONTAINED_NAME) continue;
      const list = this.byName.get(text);
      if (list) list.push(n);
      else this.byName.set(text, [n]);
    }
  }

  remove(id: string): void {
    const n = this.numberOf.get(id);
    if (n === undefined) return;
    for (const text of new Set(this.texts[n])) {
      const list = this.byName.get(text);
      if (!list) continue;
      const at = list.indexOf(n);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) this.byName.delete(text);
    }
    this.numberOf.delete(id);
    this.ids[n] = undefined;
    this.texts[n] = undefined;
    if (++this.retired > this.compactAfter && this.retired > this.numberOf.size) this.dropRetired();
  }

  /** The normalised texts indexed under `id` (code first), for `scoreNormalised`. */
  textsOf(id: string): readonly string[] {
    const n = this.numberOf.get(id);
    return (n === undefined ? undefined : this.texts[n]) ?? [];
  }

  /**
   * Ids that may match `query`: those containing every gram of every query
   * token, and those with a name the query contains (a superset of the
   * matches; `scoreNormalised` decides).
   */
  candidates(query: string): string[] {
    const tokens = queryTokens(query);
    if (tokens.length === 0) return [];
    const found = new Set(this.containing(tokens));
    for (const n of this.containedIn(tokens.join(' '))) found.add(n);
    const result: string[] = [];
    for (const n of found) {
      const id = this.ids[n];
      if (id !== undefined) result.push(id);
    }
    return result;
  }

  // The intersection of the query grams' postings, walked from the shortest: its cost follows the
  // rarest gram, not the commonest (a common bigram's posting holds most of the graph at scale).
  private containing(tokens: readonly string[]): number[] {
    const lists: Posting[] = [];
    for (const token of tokens) {
      for (const gram of gramsOf(token, true)) {
        const posting = this.postings.get(gram);
        if (!posting) return [];
        lists.push(posting);
      }
    }
    if (lists.length === 0) return [];
    lists.sort((a, b) => a.length - b.length);
    const [shortest, ...others] = lists as [Posting, ...Posting[]];
    const result: number[] = [];
    for (let i = 0; i < shortest.length; i++) {
      const n = shortest.ids[i]!;
      if (this.ids[n] !== undefined && others.every((posting) => contains(posting, n))) result.push(n);
    }
    return result;
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
        const list = this.byName.get(phrase.slice(start, end));
        if (list) for (const n of list) found.add(n);
      }
    }
    return found;
  }

  // Rewrites every posting without retired integers (amortised over the removals that retired them).
  private dropRetired(): void {
    for (const [gram, posting] of this.postings) {
      let kept = 0;
      for (let i = 0; i < posting.length; i++) {
        const n = posting.ids[i]!;
        if (this.ids[n] !== undefined) posting.ids[kept++] = n;
      }
      if (kept === 0) this.postings.delete(gram);
      else {
        posting.length = kept;
        if (posting.ids.length > 2 * kept) posting.ids = posting.ids.slice(0, kept);
      }
    }
    this.retired = 0;
  }
}

/** A gram's ids in increasing order: the first `length` entries of `ids` (which has room to grow). */
interface Posting {
  ids: Int32Array;
  length: number;
}

function append(posting: Posting, n: number): void {
  if (posting.length === posting.ids.length) {
    // Doubling keeps appends amortised O(1); most postings stay small (one or two ids).
    const grown = new Int32Array(Math.max(2, posting.ids.length * 2));
    grown.set(posting.ids);
    posting.ids = grown;
  }
  posting.ids[posting.length++] = n;
}

/** Binary search of a sorted posting. */
function contains(posting: Posting, n: number): boolean {
  let low = 0;
  let high = posting.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = posting.ids[mid]!;
    if (value === n) return true;
    if (value < n) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

// Unigrams let one-character queries (common in Chinese) use the index too;
// a query token needs only its bigrams (or its single character).
function gramsOf(text: string, forQuery = false): string[] {
  const chars = [...text];
  const grams: string[] = [];
  if (!forQuery || chars.length === 1) for (const c of chars) if (c !== ' ') grams.push(c);
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!);
  return grams;
}
