// db:seed, nodes: creates or replaces each node by id, with its type label. Idempotent: a second run changes nothing.
// Each row is {id, type, props} with props the flat property layout (see cypher/README.md).
// @params: rows
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
SET n = row.props
SET n:$(row.type)
RETURN count(n) AS written
