// applyWrites, first step: the audit entry of this batch if an earlier attempt of the same call committed it.
// The driver re-runs a write transaction after a retriable error, even one raised while committing
// (connection lost after the server committed): this makes that re-run return the committed entry
// instead of applying the batch a second time.
// @params: batchId
MATCH (e:AuditEntry {batchId: $batchId})
RETURN e.entry_json AS entry
