// GraphStore.countNeighbours: for each query (by index i), how many edges get-neighbours.cypher
// returns for it, without reading them (a self-loop, matched twice by an undirected pattern, once).
// @params: queries
UNWIND range(0, size($queries) - 1) AS i
WITH i, $queries[i] AS q
OPTIONAL MATCH (a:Node {id: q.id})-[r]-(b:Node)
USING INDEX a:Node(id)
WHERE (size(q.types) = 0 OR type(r) IN q.types)
  AND (q.direction = 'both'
    OR (q.direction = 'out' AND startNode(r) = a)
    OR (q.direction = 'in' AND endNode(r) = a))
RETURN i, count(DISTINCT r) AS count
