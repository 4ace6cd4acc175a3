// GraphStore.getEdges: the edges with these ids, looked up by the ends their ids name
// (`type|from|to[|discriminator]`, the convention of toEdgeId): two node-id seeks and an
// expansion between them, per id. The adapter asks get-edges-by-id for ids this misses.
// On first contact the by-id scan was the only lookup: every relationship read per call.
// @params: ends
UNWIND $ends AS e
MATCH (a:Node {id: e.from})-[r]->(b:Node {id: e.to})
WHERE r.id = e.id
RETURN r, type(r) AS type, a.id AS from, b.id AS to
