import type { GraphNode } from '../../src/domain/graph-records';
import { LANGS } from '../../src/domain/lang';
import { compareCodes } from '../../src/domain/sort-key';

/**
 * The search as it was before name variants (main at 1980e17), kept only so
 * `eval:search` can measure old against new on the same surface forms: names
 * in the six languages, no variants, ranked exact code > exact name > prefix
 * > substring, shorter names first, no reverse containment, no importance.
 */
export function legacySearch(nodes: readonly GraphNode[], query: string, first: number): GraphNode[] {
  const tokens = legacyNormalise(query).split(' ').filter((t) => t !== '');
  return nodes
    .map((node) => ({ node, score: legacyScore(tokens, [node.code, ...LANGS.flatMap((l) => (node.name[l] ? [node.name[l]!] : []))].map(legacyNormalise)) }))
    .filter((hit) => hit.score > 0)
    .sort((a, b) => b.score - a.score || compareCodes(a.node.code, b.node.code))
    .slice(0, first)
    .map((hit) => hit.node);
}

function legacyNormalise(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, ' ').trim();
}

function legacyScore(tokens: readonly string[], texts: readonly string[]): number {
  if (tokens.length === 0) return 0;
  const phrase = tokens.join(' ');
  if (texts[0] === phrase) return 1000;
  let best = 0;
  for (const name of texts) {
    if (!tokens.every((token) => name.includes(token))) continue;
    const closeness = 1 / (1 + name.length / 100);
    const score = name === phrase ? 500 : name.startsWith(phrase) ? 300 : name.includes(phrase) ? 200 : 100;
    best = Math.max(best, score + closeness);
  }
  return best;
}
