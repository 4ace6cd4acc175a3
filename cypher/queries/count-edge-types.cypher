// GraphStore.counts, edges: how many relationships of each type between graph nodes.
// @params: none
MATCH (:Node)-[r]->(:Node)
RETURN type(r) AS type, count(*) AS count
