// GraphStore.getNodes: the nodes with these ids (any order; the adapter puts them in key order).
// @params: ids
MATCH (n:Node)
WHERE n.id IN $ids
RETURN n
