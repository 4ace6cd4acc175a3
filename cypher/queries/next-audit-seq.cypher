// applyWrites: takes the next audit sequence number. Writing the :AuditLog singleton locks it,
// so concurrent batches get consecutive numbers in commit order, without gaps.
// @params: none
MERGE (l:AuditLog {id: 'audit'})
ON CREATE SET l.seq = 0
SET l.seq = l.seq + 1
RETURN l.seq AS seq
