// GraphStore.listAudit: audit entries after a sequence number, filtered, oldest first; $limit is the page size plus one.
// USING INDEX: with a small log the planner chose a label scan and a sort (first contact, EXPLAIN);
// the seq constraint's index gives the range and the order.
// @params: afterSeq, keyId, action, recordId, since, until, limit
MATCH (e:AuditEntry)
USING INDEX e:AuditEntry(seq)
WHERE e.seq > $afterSeq
  AND ($keyId IS NULL OR e.keyId = $keyId)
  AND ($action IS NULL OR e.action = $action)
  AND ($recordId IS NULL OR $recordId IN e.recordIds)
  AND ($since IS NULL OR e.at >= $since)
  AND ($until IS NULL OR e.at < $until)
RETURN e.entry_json AS entry
ORDER BY e.seq
LIMIT $limit
