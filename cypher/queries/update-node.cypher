// applyWrites updateNode: replaces every property (so removed names and props disappear); labels stay.
// @params: id, props
MATCH (n:Node {id: $id})
SET n = $props
RETURN n.id AS id
