// GraphStore.getEdges: the edges with these ids, with their ends (any order).
// Edge ids are indexed per relationship type only, so this scans relationships: used by the edge loader, not by lists.
// @params: ids
MATCH (a:Node)-[r]->(b:Node)
WHERE r.id IN $ids
RETURN r, type(r) AS type, a.id AS from, b.id AS to
