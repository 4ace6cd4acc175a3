// applyWrites, a run of updateNode ops: replaces every property of each node (so removed names and
// props disappear); labels stay. Rows are {id, props}, applied in order.
// @params: rows
UNWIND $rows AS row
MATCH (n:Node {id: row.id})
SET n = row.props
RETURN count(n) AS written
