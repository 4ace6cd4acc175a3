// applyWrites, a run of createEdge ops: one relationship of a dynamic type (Neo4j 5.26+) per row
// ({id, type, from, to, props}) between existing nodes (read and locked by the batch). MERGE, so an
// edge with the id that another transaction created meanwhile comes back in `existing` (CONFLICT).
// @params: rows
UNWIND $rows AS row
MATCH (a:Node {id: row.from})
USING INDEX a:Node(id)
MATCH (b:Node {id: row.to})
USING INDEX b:Node(id)
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
ON CREATE SET r = row.props, r._created = true
WITH row, r, r._created IS NOT NULL AS created
REMOVE r._created
RETURN collect(CASE WHEN created THEN null ELSE row.id END) AS existing, count(*) AS written
