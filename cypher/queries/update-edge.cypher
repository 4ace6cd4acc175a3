// applyWrites updateEdge: replaces every property of the relationship with this id, found
// between its ends (the adapter has read the edge first, so it knows them): two node-id seeks,
// not the scan of every relationship that a lookup by id alone needs.
// @params: id, from, to, props
// The index hints make the plan not depend on statistics: right after a bulk load or a wipe, Neo4j 5.26
// planned these lookups as full scans of the id index (test/neo4j/query-plans.test.ts caught it).
MATCH (a:Node {id: $from})-[r]->(b:Node {id: $to})
USING INDEX a:Node(id)
USING INDEX b:Node(id)
WHERE r.id = $id
SET r = $props
RETURN r.id AS id
