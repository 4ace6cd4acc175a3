// GraphStore.getNodesByAlias: every node that carries one of $aliases in p_aliases, a list matching by
// element and a single value by equality (as list-nodes' props filter matches); any order: the adapter
// picks one node per alias by the port's rule (firstAliasHolder). `n.p_aliases IS NOT NULL` lets the
// planner read the node_aliases index, which holds only the few nodes that carry aliases, instead of
// every :Node (one list-nodes per node type did that before, for each id that was no node).
// @params: aliases
MATCH (n:Node)
WHERE n.p_aliases IS NOT NULL
  AND any(alias IN $aliases WHERE
    CASE
      WHEN n.p_aliases IS :: LIST<ANY> THEN alias IN n.p_aliases
      ELSE n.p_aliases = alias
    END)
RETURN n
