// GraphStore.getEdges: the edges with these ids, looked up by the ends their ids name
// (`type|from|to[|discriminator]`, the convention of toEdgeId): two node-id seeks and an
// expansion between them, per id. The adapter asks get-edges-by-id for ids this misses.
// On first contact the by-id scan was the only lookup: every relationship read per call.
// @params: ends
UNWIND $ends AS e
// The index hints make the plan not depend on statistics: right after a bulk load or a wipe, Neo4j 5.26
// planned these lookups as full scans of the id index (test/neo4j/query-plans.test.ts caught it).
MATCH (a:Node {id: e.from})-[r]->(b:Node {id: e.to})
USING INDEX a:Node(id)
USING INDEX b:Node(id)
WHERE r.id = e.id
RETURN r, type(r) AS type, a.id AS from, b.id AS to
