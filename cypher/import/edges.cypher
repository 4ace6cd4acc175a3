// db:seed, edges: creates or replaces each relationship by (type, ends, id), with its provenance
// and properties. Idempotent: MERGE finds the relationship a previous run created.
// @params: rows
UNWIND $rows AS row
MATCH (a:Node {id: row.from})
MATCH (b:Node {id: row.to})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
SET r = row.props
RETURN count(r) AS written
