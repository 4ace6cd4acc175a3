// applyWrites, a run of createNode ops: one node per row ({id, type, props}), with its type label
// (dynamic label, Neo4j 5.26+) and flat properties. MERGE on the node_id constraint: a node that
// another transaction created after this batch read the id as free (nothing can lock an id that
// does not exist yet) is found rather than duplicated, and comes back in `existing`; the adapter
// then refuses the batch with CONFLICT naming that id, and the transaction rolls back.
// @params: rows
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
ON CREATE SET n = row.props, n._created = true
WITH row, n, n._created IS NOT NULL AS created
SET n:$(row.type)
REMOVE n._created
RETURN collect(CASE WHEN created THEN null ELSE row.id END) AS existing, count(*) AS written
