// applyWrites updateEdge: replaces every property of the relationship with this id, found
// between its ends (the adapter has read the edge first, so it knows them): two node-id seeks,
// not the scan of every relationship that a lookup by id alone needs.
// @params: id, from, to, props
MATCH (:Node {id: $from})-[r]->(:Node {id: $to})
WHERE r.id = $id
SET r = $props
RETURN r.id AS id
