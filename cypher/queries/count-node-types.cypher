// GraphStore.counts, nodes: how many nodes of each type (types with none are absent; the adapter adds zeros).
// @params: none
MATCH (n:Node)
RETURN n.type AS type, count(*) AS count
