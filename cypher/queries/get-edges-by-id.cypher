// GraphStore.getEdges, fallback: the edges with these ids wherever they are. Reads every
// relationship (edge ids are indexed per relationship type only, and a type cannot be a
// parameter of an indexed pattern), so the adapter runs it only for ids that get-edges.cypher
// did not find by their ends: ids not of the form type|from|to, and ids that do not exist.
// @params: ids
MATCH (a:Node)-[r]->(b:Node)
WHERE r.id IN $ids
RETURN r, type(r) AS type, a.id AS from, b.id AS to
