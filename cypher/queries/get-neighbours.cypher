// GraphStore.getNeighbours: for each query (by index i), the edges at q.id in q.direction,
// of q.types (all when empty), with the node at the other end. Relationship types are
// filtered with type(r) IN …, since a type cannot be a parameter in a pattern.
// @params: queries
UNWIND range(0, size($queries) - 1) AS i
WITH i, $queries[i] AS q
// The index hints make the plan not depend on statistics: right after a bulk load or a wipe, Neo4j 5.26
// planned these lookups as full scans of the id index (test/neo4j/query-plans.test.ts caught it).
MATCH (a:Node {id: q.id})-[r]-(b:Node)
USING INDEX a:Node(id)
WHERE (size(q.types) = 0 OR type(r) IN q.types)
  AND (q.direction = 'both'
    OR (q.direction = 'out' AND startNode(r) = a)
    OR (q.direction = 'in' AND endNode(r) = a))
RETURN i, r, type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, b
