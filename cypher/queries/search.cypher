// GraphStore.search candidates: nodes whose normalised searchText contains every query token.
// $longest (one of $tokens) lets the planner use the TEXT index node_search_text; the adapter
// then scores each candidate with scoreMatch, which also drops tokens matched across two names.
// @params: longest, tokens, types
MATCH (n:Node)
WHERE n.searchText CONTAINS $longest
  AND all(t IN $tokens WHERE n.searchText CONTAINS t)
  AND (size($types) = 0 OR n.type IN $types)
RETURN n
