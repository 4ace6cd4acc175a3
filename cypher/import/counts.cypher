// db:seed, final check: how many graph nodes and relationships the database holds.
// @params: none
MATCH (n:Node)
WITH count(n) AS nodes
OPTIONAL MATCH (:Node)-[r]->(:Node)
RETURN nodes, count(r) AS edges
