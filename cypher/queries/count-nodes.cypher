// GraphStore.listNodes totalCount: how many nodes of a type pass the filter (same filter as list-nodes.cypher).
// `n.sortKey IS NOT NULL` (every node has one) lets the planner seek the (type, sortKey) index
// instead of scanning every :Node, as it did on first contact.
// @params: type, codes, props
MATCH (n:Node)
WHERE n.type = $type
  AND n.sortKey IS NOT NULL
  AND ($codes IS NULL OR n.code IN $codes)
  AND all(f IN $props WHERE
    CASE
      WHEN n[f.key] IS :: LIST<ANY> AND NOT f.value IS :: LIST<ANY> THEN f.value IN n[f.key]
      ELSE n[f.key] = f.value
    END)
RETURN count(n) AS total
