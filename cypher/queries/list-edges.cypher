// GraphStore.listEdges: every edge of $types, optionally only from nodes of $fromTypes / to nodes of $toTypes.
// @params: types, fromTypes, toTypes
MATCH (a:Node)-[r]->(b:Node)
WHERE type(r) IN $types
  AND ($fromTypes IS NULL OR a.type IN $fromTypes)
  AND ($toTypes IS NULL OR b.type IN $toTypes)
RETURN r, type(r) AS type, a.id AS from, b.id AS to
