// applyWrites createEdge: a relationship of a dynamic type (Neo4j 5.26+) between two existing nodes.
// @params: type, from, to, props
MATCH (a:Node {id: $from})
MATCH (b:Node {id: $to})
CREATE (a)-[r:$($type)]->(b)
SET r = $props
RETURN r.id AS id
