// applyWrites deleteNode: the node and every relationship touching it, returning those relationships
// (as they were) so the audit entry can list them.
// @params: id
MATCH (n:Node {id: $id})
OPTIONAL MATCH (n)-[r]-(:Node)
WITH n, collect(DISTINCT r) AS touching
WITH n, [r IN touching | {props: properties(r), type: type(r), from: startNode(r).id, to: endNode(r).id}] AS edges
DETACH DELETE n
RETURN edges
