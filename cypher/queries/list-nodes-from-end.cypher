// GraphStore.listNodes from the end (Relay's last/before): the nodes of a type just before a cursor
// position (or the last ones when there is no cursor), filtered, in descending (sortKey, id) order;
// the adapter reverses them into list order. Same filters as list-nodes.cypher.
// $limit is the page size plus one, to learn whether another page precedes.
// `n.sortKey <= coalesce($beforeKey, '\uFFFF')` (true of every sort key: they are lower-cased codes)
// lets the planner seek the (type, sortKey) index backwards from the cursor, as list-nodes.cypher's
// `>=` does forwards; without a predicate on sortKey, Neo4j 5.26 scans every :Node.
// @params: type, codes, props, beforeKey, beforeId, limit
MATCH (n:Node)
WHERE n.type = $type
  AND n.sortKey <= coalesce($beforeKey, '\uFFFF')
  AND ($codes IS NULL OR n.code IN $codes)
  AND all(f IN $props WHERE
    CASE
      WHEN n[f.key] IS :: LIST<ANY> AND NOT f.value IS :: LIST<ANY> THEN f.value IN n[f.key]
      ELSE n[f.key] = f.value
    END)
  AND ($beforeKey IS NULL OR n.sortKey < $beforeKey OR (n.sortKey = $beforeKey AND n.id < $beforeId))
RETURN n
ORDER BY n.sortKey DESC, n.id DESC
LIMIT $limit
