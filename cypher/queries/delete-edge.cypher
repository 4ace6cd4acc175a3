// applyWrites deleteEdge: removes the relationship with this id.
// @params: id
MATCH (:Node)-[r]->(:Node)
WHERE r.id = $id
DELETE r
RETURN count(*) AS deleted
