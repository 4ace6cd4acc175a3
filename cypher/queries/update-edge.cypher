// applyWrites updateEdge: replaces every property of the relationship with this id.
// @params: id, props
MATCH (:Node)-[r]->(:Node)
WHERE r.id = $id
SET r = $props
RETURN r.id AS id
