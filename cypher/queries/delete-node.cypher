// applyWrites deleteNode: the node and every relationship touching it, returning those relationships first
// so the audit entry can list them.
// @params: id
MATCH (n:Node {id: $id})
OPTIONAL MATCH (a:Node)-[r]->(b:Node)
WHERE a = n OR b = n
WITH n, collect({r: r, type: type(r), from: a.id, to: b.id}) AS touching
DETACH DELETE n
RETURN [t IN touching WHERE t.r IS NOT NULL | {props: properties(t.r), type: t.type, from: t.from, to: t.to}] AS edges
