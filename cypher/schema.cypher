// Constraints and indexes of the wsis-graph database (Neo4j 5.26 or later).
// Applied by `npm run db:seed`; every statement is idempotent (IF NOT EXISTS).
// @params: none

// Every node carries :Node plus its type label; ids are unique across all types.
CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT action_line_id IF NOT EXISTS FOR (n:ActionLine) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT theme_id IF NOT EXISTS FOR (n:Theme) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sdg_goal_id IF NOT EXISTS FOR (n:SdgGoal) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sdg_target_id IF NOT EXISTS FOR (n:SdgTarget) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sdg_indicator_id IF NOT EXISTS FOR (n:SdgIndicator) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT resolution_id IF NOT EXISTS FOR (n:Resolution) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT paragraph_id IF NOT EXISTS FOR (n:Paragraph) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT initiative_id IF NOT EXISTS FOR (n:Initiative) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT gdc_objective_id IF NOT EXISTS FOR (n:GdcObjective) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT gdc_principle_id IF NOT EXISTS FOR (n:GdcPrinciple) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT gdc_commitment_id IF NOT EXISTS FOR (n:GdcCommitment) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT process_id IF NOT EXISTS FOR (n:Process) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT meeting_id IF NOT EXISTS FOR (n:Meeting) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT mapping_study_id IF NOT EXISTS FOR (n:MappingStudy) REQUIRE n.id IS UNIQUE;

// Singletons: the dataset description and the audit log's sequence.
CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (d:Dataset) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT audit_log_id IF NOT EXISTS FOR (l:AuditLog) REQUIRE l.id IS UNIQUE;
CREATE CONSTRAINT audit_entry_seq IF NOT EXISTS FOR (e:AuditEntry) REQUIRE e.seq IS UNIQUE;
// One entry per applyWrites call, found again by its batch id when the driver re-runs the call's transaction.
CREATE CONSTRAINT audit_entry_batch IF NOT EXISTS FOR (e:AuditEntry) REQUIRE e.batchId IS UNIQUE;

// Edge ids are unique per relationship type (Neo4j constrains relationships per type).
CREATE CONSTRAINT sub_line_of_id IF NOT EXISTS FOR ()-[r:SUB_LINE_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT target_of_id IF NOT EXISTS FOR ()-[r:TARGET_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT indicator_of_id IF NOT EXISTS FOR ()-[r:INDICATOR_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT matrix_link_id IF NOT EXISTS FOR ()-[r:MATRIX_LINK]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT facilitates_id IF NOT EXISTS FOR ()-[r:FACILITATES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT reports_activity_id IF NOT EXISTS FOR ()-[r:REPORTS_ACTIVITY]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT revises_id IF NOT EXISTS FOR ()-[r:REVISES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT reaffirms_id IF NOT EXISTS FOR ()-[r:REAFFIRMS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT follows_up_id IF NOT EXISTS FOR ()-[r:FOLLOWS_UP]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT endorses_id IF NOT EXISTS FOR ()-[r:ENDORSES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT recalls_id IF NOT EXISTS FOR ()-[r:RECALLS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT builds_on_id IF NOT EXISTS FOR ()-[r:BUILDS_ON]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT mandates_id IF NOT EXISTS FOR ()-[r:MANDATES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT asks_id IF NOT EXISTS FOR ()-[r:ASKS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT part_of_id IF NOT EXISTS FOR ()-[r:PART_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT under_objective_id IF NOT EXISTS FOR ()-[r:UNDER_OBJECTIVE]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT names_id IF NOT EXISTS FOR ()-[r:NAMES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT corresponds_to_id IF NOT EXISTS FOR ()-[r:CORRESPONDS_TO]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT contributes_to_id IF NOT EXISTS FOR ()-[r:CONTRIBUTES_TO]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT addresses_id IF NOT EXISTS FOR ()-[r:ADDRESSES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT led_by_id IF NOT EXISTS FOR ()-[r:LED_BY]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT partner_id IF NOT EXISTS FOR ()-[r:PARTNER]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT related_to_id IF NOT EXISTS FOR ()-[r:RELATED_TO]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT meeting_of_id IF NOT EXISTS FOR ()-[r:MEETING_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT adopted_at_id IF NOT EXISTS FOR ()-[r:ADOPTED_AT]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT study_link_id IF NOT EXISTS FOR ()-[r:STUDY_LINK]-() REQUIRE r.id IS UNIQUE;

// Lists by type in code order, and lookups by official code.
CREATE INDEX node_type_sort IF NOT EXISTS FOR (n:Node) ON (n.type, n.sortKey);
CREATE INDEX node_code IF NOT EXISTS FOR (n:Node) ON (n.code);
CREATE INDEX resolution_symbol IF NOT EXISTS FOR (n:Resolution) ON (n.p_symbol);
CREATE INDEX indicator_unsd_code IF NOT EXISTS FOR (n:SdgIndicator) ON (n.p_unsdCode);
// The ids of merged records, looked up when an id is no node (getNodesByAlias): only the few nodes
// carrying aliases are in it, so the lookup reads those instead of every node.
CREATE INDEX node_aliases IF NOT EXISTS FOR (n:Node) ON (n.p_aliases);

// The adapter's search: substring (CONTAINS) on normalised names; a TEXT index serves CONTAINS.
CREATE TEXT INDEX node_search_text IF NOT EXISTS FOR (n:Node) ON (n.searchText);

// For people exploring in Neo4j Browser: word search over names in every language;
// the CJK analyzer splits Chinese into bigrams. The API does not use it (see README).
CREATE FULLTEXT INDEX node_names IF NOT EXISTS
FOR (n:Node) ON EACH [n.code, n.name_ar, n.name_zh, n.name_en, n.name_fr, n.name_ru, n.name_es]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk' } };
