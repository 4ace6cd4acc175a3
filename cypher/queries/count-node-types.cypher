// GraphStore.counts, nodes: how many nodes of each type, one branch per type label, each answered
// from Neo4j's count store (NodeCountFromCountStore) without reading a node; it was a scan of every
// :Node grouped by n.type. Every node carries its type's label (create-nodes, db:seed). One branch
// per NODE_TYPES member, in vocabulary order: test/unit/store/neo4j/count-queries.test.ts fails when
// the vocabulary and this file differ.
// @params: none
CALL () {
  MATCH (n:ActionLine) WITH count(n) AS count RETURN 'ActionLine' AS type, count
  UNION ALL
  MATCH (n:Theme) WITH count(n) AS count RETURN 'Theme' AS type, count
  UNION ALL
  MATCH (n:SdgGoal) WITH count(n) AS count RETURN 'SdgGoal' AS type, count
  UNION ALL
  MATCH (n:SdgTarget) WITH count(n) AS count RETURN 'SdgTarget' AS type, count
  UNION ALL
  MATCH (n:SdgIndicator) WITH count(n) AS count RETURN 'SdgIndicator' AS type, count
  UNION ALL
  MATCH (n:Entity) WITH count(n) AS count RETURN 'Entity' AS type, count
  UNION ALL
  MATCH (n:Resolution) WITH count(n) AS count RETURN 'Resolution' AS type, count
  UNION ALL
  MATCH (n:Paragraph) WITH count(n) AS count RETURN 'Paragraph' AS type, count
  UNION ALL
  MATCH (n:Initiative) WITH count(n) AS count RETURN 'Initiative' AS type, count
  UNION ALL
  MATCH (n:GdcObjective) WITH count(n) AS count RETURN 'GdcObjective' AS type, count
  UNION ALL
  MATCH (n:GdcPrinciple) WITH count(n) AS count RETURN 'GdcPrinciple' AS type, count
  UNION ALL
  MATCH (n:GdcCommitment) WITH count(n) AS count RETURN 'GdcCommitment' AS type, count
  UNION ALL
  MATCH (n:Process) WITH count(n) AS count RETURN 'Process' AS type, count
  UNION ALL
  MATCH (n:Meeting) WITH count(n) AS count RETURN 'Meeting' AS type, count
  UNION ALL
  MATCH (n:MappingStudy) WITH count(n) AS count RETURN 'MappingStudy' AS type, count
}
RETURN type, count
