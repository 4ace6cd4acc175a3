// GraphStore.writeWith: the nodes with these ids, read inside the batch's write transaction and
// write-locked until it ends (SET then REMOVE of a property no record keeps: Neo4j's way to take a
// node's lock without changing it), so no other transaction can change or delete what the batch
// was planned from, nor add or remove a link at it (creating or deleting a relationship locks its ends).
// @params: ids
MATCH (n:Node)
WHERE n.id IN $ids
SET n._lock = true
REMOVE n._lock
RETURN n
