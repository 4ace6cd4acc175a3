/**
 * Text matching shared by the stores: how names are normalised and how a
 * match is scored, so that every adapter ranks the same way.
 *
 * Matching is by substring on normalised text rather than by words, because
 * Chinese (and Japanese) text has no spaces between words: "数字" must find
 * "数字经济", as "health" must find "e-health".
 */

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

/** The query's tokens: space-separated parts of the normalised text; every one must be found. */
export function queryTokens(text: string): string[] {
  const normalised = normaliseText(text);
  return normalised === '' ? [] : normalised.split(' ');
}

/**
 * Scores one node for a query, 0 when it does not match. A node matches when
 * every token occurs in its code or in one of its names. Ranks: exact code,
 * then exact name, then a name starting with the query, then containing the
 * whole query, then containing all tokens; shorter names win ties.
 */
export function scoreMatch(query: string, code: string, names: readonly string[]): number {
  return scoreNormalised(queryTokens(query), [normaliseText(code), ...names.map(normaliseText)]);
}

/**
 * `scoreMatch` over texts normalised in advance: `texts[0]` is the code, the
 * rest are names. For stores that keep normalised names (normalising on every
 * query was most of the cost of a search).
 */
export function scoreNormalised(tokens: readonly string[], texts: readonly string[]): number {
  if (tokens.length === 0 || texts.length === 0) return 0;
  const phrase = tokens.join(' ');
  if (texts[0] === phrase) return 1000;
  let best = 0;
  for (const name of texts) {
    if (!tokens.every((token) => name.includes(token))) continue;
    const closeness = 1 / (1 + name.length / 100);
    let score: number;
    if (name === phrase) score = 500;
    else if (name.startsWith(phrase)) score = 300;
    else if (name.includes(phrase)) score = 200;
    else score = 100;
    best = Math.max(best, score + closeness);
  }
  return best;
}

/**
 * An inverted index of character unigrams and bigrams over normalised names:
 * narrows a search to the few nodes that can match before `scoreMatch`
 * checks them, so search cost follows the result size, not the graph size.
 */
export class NgramIndex {
  private readonly postings = new Map<string, Set<string>>();
  private readonly keysOf = new Map<string, string[]>();
  private readonly normalised = new Map<string, string[]>();

  /** Indexes `texts` (the code first, then names) under `id`, replacing what was there. */
  add(id: string, texts: readonly string[]): void {
    this.remove(id);
    const normalisedTexts = texts.map(normaliseText);
    this.normalised.set(id, normalisedTexts);
    const grams = new Set<string>();
    for (const text of normalisedTexts) for (const gram of gramsOf(text)) grams.add(gram);
    for (const gram of grams) {
      let set = this.postings.get(gram);
      if (!set) this.postings.set(gram, (set = new Set()));
      set.add(id);
    }
    this.keysOf.set(id, [...grams]);
  }

  remove(id: string): void {
    for (const gram of this.keysOf.get(id) ?? []) this.postings.get(gram)?.delete(id);
    this.keysOf.delete(id);
    this.normalised.delete(id);
  }

  /** The normalised texts indexed under `id` (code first), for `scoreNormalised`. */
  textsOf(id: string): readonly string[] {
    return this.normalised.get(id) ?? [];
  }

  /** Ids that contain every gram of every query token (a superset of the matches). */
  candidates(query: string): string[] {
    const tokens = queryTokens(query);
    if (tokens.length === 0) return [];
    let result: Set<string> | null = null;
    for (const token of tokens) {
      for (const gram of gramsOf(token, true)) {
        const posting = this.postings.get(gram);
        if (!posting) return [];
        if (result === null) result = new Set(posting);
        else for (const id of result) if (!posting.has(id)) result.delete(id);
        if (result.size === 0) return [];
      }
    }
    return result ? [...result] : [];
  }
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
