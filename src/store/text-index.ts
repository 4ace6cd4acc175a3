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
  // Both normal forms leave ASCII as it is and it holds no marks: most names and every code skip three
  // passes (they were a sixth of building the word index at ≈1M nodes, 2026-12-02).
  const folded = ASCII.test(text) ? text : text.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFKC');
  return folded.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, ' ').trim();
}

const ASCII = /^[\x00-\x7f]*$/;

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
export const EXACT_CODE = 3000;
export const EXACT_NAME = 2900;
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
  const best = textScore(tokens, texts);
  return best === 0 ? 0 : best + importanceOf(degree);
}

/**
 * {@link scoreNormalised} without the node's importance: the best score of
 * its texts, 0 when none matches. An index that reaches the same number by
 * another road (`WordIndex`) adds `importanceOf(degree)` the same way, so
 * both give the same bits.
 */
export function textScore(tokens: readonly string[], texts: readonly string[]): number {
  if (tokens.length === 0 || texts.length === 0) return 0;
  const phrase = tokens.join(' ');
  if (texts[0] === phrase) return EXACT_CODE;
  let best = 0;
  for (const name of texts) {
    if (name === '') continue;
    let score = 0;
    if (name === phrase) score = EXACT_NAME;
    else if (tokens.every((token) => name.includes(token))) {
      const covered = name.includes(phrase) ? phrase.length / name.length : 0.5 * (phrase.length / name.length);
      score = containingScore(covered, name.startsWith(phrase));
    } else if (name.length < phrase.length && isContainedAsName(name, phrase)) {
      score = PARTIAL + 400 * (name.length / phrase.length) + 100;
    }
    best = Math.max(best, score);
  }
  return best;
}

/** The score of a name that contains every token, `covered` being the share of it the query covers. */
export function containingScore(covered: number, startsWithPhrase: boolean): number {
  return PARTIAL + 400 + 100 * Math.min(1, covered) + (startsWithPhrase ? 10 : 0);
}

/** Up to {@link MAX_IMPORTANCE} points for a node's degree, so that among equal matches the better-connected node comes first. */
export function importanceOf(degree: number): number {
  return Math.min(MAX_IMPORTANCE, 4 * Math.log2(1 + Math.max(0, degree)));
}

/** The most a node's degree adds to a text score: a hit whose text score is this much below another's cannot pass it. */
export const MAX_IMPORTANCE = 20;

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
