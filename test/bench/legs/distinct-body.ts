import type { SeedSet } from '../../../src/seeds/load-seeds';

/**
 * Distinct lookups: every request asks for a different node and a different missing id, so its
 * cache key is new and no cache can help (the second id answers null: the store is asked all the
 * same). One document, so compiled execution compiles it once, as it would for a real client.
 */
export function distinctBody(seeds: SeedSet): () => string {
  const ids = seeds.nodeFiles.flatMap((file) => file.records.map((record) => (record as { id: string }).id));
  let n = 0;
  const query = 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { code name } ... on ActionLine { code name } ... on SdgTarget { code name } } }';
  return () => {
    n++;
    return JSON.stringify({ query, variables: { ids: [ids[n % ids.length], `Initiative:missing-${n}`] } });
  };
}
