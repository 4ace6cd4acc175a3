// applyWrites, a run of deleteEdge ops: removes each relationship, found between its ends as in
// update-edges.cypher. Rows are {id, from, to}.
// @params: rows
UNWIND $rows AS row
MATCH (a:Node {id: row.from})-[r]->(b:Node {id: row.to})
USING INDEX a:Node(id)
USING INDEX b:Node(id)
WHERE r.id = row.id
DELETE r
RETURN count(*) AS deleted
