// GraphStore.counts, edges: how many relationships of each type, one branch per type, each answered
// from Neo4j's count store (RelationshipCountFromCountStore) without reading a relationship; it was a
// scan of every relationship grouped by type(r). Every relationship joins two graph nodes (the audit
// log and the dataset node have none). One branch per EDGE_TYPES member, in vocabulary order:
// test/unit/store/neo4j/count-queries.test.ts fails when the vocabulary and this file differ.
// @params: none
CALL () {
  MATCH ()-[r:SUB_LINE_OF]->() WITH count(r) AS count RETURN 'SUB_LINE_OF' AS type, count
  UNION ALL
  MATCH ()-[r:TARGET_OF]->() WITH count(r) AS count RETURN 'TARGET_OF' AS type, count
  UNION ALL
  MATCH ()-[r:INDICATOR_OF]->() WITH count(r) AS count RETURN 'INDICATOR_OF' AS type, count
  UNION ALL
  MATCH ()-[r:MATRIX_LINK]->() WITH count(r) AS count RETURN 'MATRIX_LINK' AS type, count
  UNION ALL
  MATCH ()-[r:FACILITATES]->() WITH count(r) AS count RETURN 'FACILITATES' AS type, count
  UNION ALL
  MATCH ()-[r:REPORTS_ACTIVITY]->() WITH count(r) AS count RETURN 'REPORTS_ACTIVITY' AS type, count
  UNION ALL
  MATCH ()-[r:REVISES]->() WITH count(r) AS count RETURN 'REVISES' AS type, count
  UNION ALL
  MATCH ()-[r:REAFFIRMS]->() WITH count(r) AS count RETURN 'REAFFIRMS' AS type, count
  UNION ALL
  MATCH ()-[r:FOLLOWS_UP]->() WITH count(r) AS count RETURN 'FOLLOWS_UP' AS type, count
  UNION ALL
  MATCH ()-[r:ENDORSES]->() WITH count(r) AS count RETURN 'ENDORSES' AS type, count
  UNION ALL
  MATCH ()-[r:RECALLS]->() WITH count(r) AS count RETURN 'RECALLS' AS type, count
  UNION ALL
  MATCH ()-[r:BUILDS_ON]->() WITH count(r) AS count RETURN 'BUILDS_ON' AS type, count
  UNION ALL
  MATCH ()-[r:MANDATES]->() WITH count(r) AS count RETURN 'MANDATES' AS type, count
  UNION ALL
  MATCH ()-[r:ASKS]->() WITH count(r) AS count RETURN 'ASKS' AS type, count
  UNION ALL
  MATCH ()-[r:PART_OF]->() WITH count(r) AS count RETURN 'PART_OF' AS type, count
  UNION ALL
  MATCH ()-[r:UNDER_OBJECTIVE]->() WITH count(r) AS count RETURN 'UNDER_OBJECTIVE' AS type, count
  UNION ALL
  MATCH ()-[r:NAMES]->() WITH count(r) AS count RETURN 'NAMES' AS type, count
  UNION ALL
  MATCH ()-[r:CORRESPONDS_TO]->() WITH count(r) AS count RETURN 'CORRESPONDS_TO' AS type, count
  UNION ALL
  MATCH ()-[r:CONTRIBUTES_TO]->() WITH count(r) AS count RETURN 'CONTRIBUTES_TO' AS type, count
  UNION ALL
  MATCH ()-[r:ADDRESSES]->() WITH count(r) AS count RETURN 'ADDRESSES' AS type, count
  UNION ALL
  MATCH ()-[r:LED_BY]->() WITH count(r) AS count RETURN 'LED_BY' AS type, count
  UNION ALL
  MATCH ()-[r:PARTNER]->() WITH count(r) AS count RETURN 'PARTNER' AS type, count
  UNION ALL
  MATCH ()-[r:RELATED_TO]->() WITH count(r) AS count RETURN 'RELATED_TO' AS type, count
  UNION ALL
  MATCH ()-[r:MEETING_OF]->() WITH count(r) AS count RETURN 'MEETING_OF' AS type, count
  UNION ALL
  MATCH ()-[r:ADOPTED_AT]->() WITH count(r) AS count RETURN 'ADOPTED_AT' AS type, count
  UNION ALL
  MATCH ()-[r:STUDY_LINK]->() WITH count(r) AS count RETURN 'STUDY_LINK' AS type, count
}
RETURN type, count
