// GraphStore.writeWith: get-edges.cypher inside the batch's write transaction, each relationship
// write-locked until it ends (as get-nodes-for-update.cypher), so no other transaction can change
// or delete it between the batch's plan and its write.
// @params: ends
UNWIND $ends AS e
MATCH (a:Node {id: e.from})-[r]->(b:Node {id: e.to})
USING INDEX a:Node(id)
USING INDEX b:Node(id)
WHERE r.id = e.id
SET r._lock = true
REMOVE r._lock
RETURN r, type(r) AS type, a.id AS from, b.id AS to
