// applyWrites deleteEdge: removes the relationship with this id, found between its ends
// (the adapter has read the edge first, so it knows them).
// @params: id, from, to
// The index hints make the plan not depend on statistics: right after a bulk load or a wipe, Neo4j 5.26
// planned these lookups as full scans of the id index (test/neo4j/query-plans.test.ts caught it).
MATCH (a:Node {id: $from})-[r]->(b:Node {id: $to})
USING INDEX a:Node(id)
USING INDEX b:Node(id)
WHERE r.id = $id
DELETE r
RETURN count(*) AS deleted
