// GraphStore.search candidates, each with its degree (the ranking's importance):
// nodes whose normalised searchText (code, names, name variants; one per line)
// contains every query token, and nodes with a line of searchText (at most
// $maxName characters) that the query's $phrase contains; $phrase is '' for a
// query too long to look inside; and the resolutions $ids the query cites by
// symbol (citedResolutionIds). $longest (one of $tokens) lets the planner
// use the TEXT index node_search_text for the first part. The adapter then
// scores every candidate with scoreMatch, the rule the embedded store uses.
// @params: longest, tokens, phrase, maxName, ids, types
CALL () {
  MATCH (n:Node)
  WHERE n.searchText CONTAINS $longest
    AND all(t IN $tokens WHERE n.searchText CONTAINS t)
  RETURN n
  UNION
  MATCH (n:Node)
  WHERE $phrase <> ''
    AND any(line IN split(n.searchText, '\n') WHERE size(line) >= 2 AND size(line) <= $maxName AND $phrase CONTAINS line)
  RETURN n
  UNION
  MATCH (n:Node)
  WHERE n.id IN $ids
  RETURN n
}
WITH n
WHERE size($types) = 0 OR n.type IN $types
RETURN n, COUNT { (n)--() } AS degree
