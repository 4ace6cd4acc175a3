// applyWrites deleteEdge: removes the relationship with this id, found between its ends
// (the adapter has read the edge first, so it knows them).
// @params: id, from, to
MATCH (:Node {id: $from})-[r]->(:Node {id: $to})
WHERE r.id = $id
DELETE r
RETURN count(*) AS deleted
