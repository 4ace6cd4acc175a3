// GraphStore.search candidates, each with its degree (the ranking's importance):
// nodes whose normalised searchText (code, names, name variants; one per line)
// contains every query token, and nodes with a line of searchText (at most
// $maxName characters) that the query's $phrase contains; $phrase is '' for a
// query too long to look inside; and the resolutions $ids the query cites by
// symbol (citedResolutionIds). $longest (one of $tokens) lets the planner
// use the TEXT index node_search_text for the first part. The adapter then
// scores every candidate with scoreMatch, the rule the embedded store uses.
// $limit bounds the candidates one search reads and scores (a query of one
// common letter on a large graph matches most nodes): the exact matches (a
// cited id, or a name or code equal to the whole query) come first, then by
// degree. Past $limit candidates the dropped ones are partial matches of the
// lowest degree, and the ranking can then differ from the embedded store's,
// which scores every match (see cypher/README.md).
// @params: longest, tokens, phrase, maxName, ids, types, limit
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
WITH n, COUNT { (n)--() } AS degree
ORDER BY CASE WHEN n.id IN $ids OR $phrase IN split(n.searchText, '\n') THEN 0 ELSE 1 END, degree DESC, n.id
LIMIT $limit
RETURN n, degree
