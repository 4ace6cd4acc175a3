// applyWrites, a run of deleteNode ops: each node and every relationship touching it (the adapter
// has read those relationships, locked, for the audit entry).
// @params: ids
UNWIND $ids AS id
MATCH (n:Node {id: id})
DETACH DELETE n
RETURN count(*) AS deleted
