// applyWrites: the batch's audit entry, in the same transaction as its changes.
// @params: props
CREATE (e:AuditEntry)
SET e = $props
RETURN e.seq AS seq
