// applyWrites, a run of updateEdge ops: replaces every property of each relationship, found between
// its ends (the adapter has read the edge, so it knows them): two node-id seeks and an expansion
// between them per row, never a scan of every relationship. Rows are {id, from, to, props}.
// @params: rows
UNWIND $rows AS row
MATCH (a:Node {id: row.from})-[r]->(b:Node {id: row.to})
USING INDEX a:Node(id)
USING INDEX b:Node(id)
WHERE r.id = row.id
SET r = row.props
RETURN count(r) AS written
