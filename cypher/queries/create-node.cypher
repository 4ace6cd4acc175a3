// applyWrites createNode: a new node with its type label (dynamic label, Neo4j 5.26+) and flat properties.
// The adapter has checked that the id is free; the node_id constraint still guards a concurrent create.
// @params: type, props
CREATE (n:Node)
SET n = $props
SET n:$($type)
RETURN n.id AS id
