// GraphStore.listNodes: one page of nodes of a type, filtered, in (sortKey, id) order after a cursor position.
// $props is a list of {key, value} on p_<key> properties; a scalar filter value matches an element of a list property.
// $limit is the page size plus one, to learn whether another page follows.
// `n.sortKey >= coalesce($afterKey, '')` (true of every sort key) lets the planner seek the
// (type, sortKey) index from the cursor on; without a predicate on sortKey, Neo4j 5.26 scanned
// every :Node (first contact, EXPLAIN: NodeByLabelScan + Filter on n.type).
// @params: type, codes, props, afterKey, afterId, limit
MATCH (n:Node)
WHERE n.type = $type
  AND n.sortKey >= coalesce($afterKey, '')
  AND ($codes IS NULL OR n.code IN $codes)
  AND all(f IN $props WHERE
    CASE
      WHEN n[f.key] IS :: LIST<ANY> AND NOT f.value IS :: LIST<ANY> THEN f.value IN n[f.key]
      ELSE n[f.key] = f.value
    END)
  AND ($afterKey IS NULL OR n.sortKey > $afterKey OR (n.sortKey = $afterKey AND n.id > $afterId))
RETURN n
ORDER BY n.sortKey, n.id
LIMIT $limit
