import neo4j from 'neo4j-driver';
import { findCypherDir, readCypherFolder } from '../../src/store/neo4j/cypher-files';
import { liveNeo4jSkip, useLiveNeo4j } from './use-live-neo4j';

/**
 * The plan Neo4j 5.26 makes for every file of `cypher/queries/` (EXPLAIN,
 * over the seeded graph): where a query starts from an id, a type and sort
 * key, or text, its plan must use that index and must not scan every node
 * (`AllNodesScan`, `NodeByLabelScan` of `:Node`) or every relationship.
 * A file that is meant to read everything (the per-type counts) says so
 * here with its reason. A new query file fails this test until it is listed.
 */
type Operator = string;

interface PlanExpectation {
  params: Record<string, unknown>;
  /** Operators (with their details, e.g. the index name) that the plan must contain. */
  uses: RegExp[];
  /** Scans allowed in this plan, with why; every other scan fails the test. */
  allowedScans?: { operator: RegExp; why: string }[];
  /** Operators this plan must not contain (beyond the scans every plan is checked for). */
  forbids?: RegExp[];
}

const SCANS = /^(AllNodesScan|NodeByLabelScan|(Directed|Undirected)(AllRelationshipsScan|RelationshipTypeScan))/;
const noProps: unknown[] = [];

const expectations: Record<string, PlanExpectation> = {
  'get-nodes': { params: { ids: ['ActionLine:C2'] }, uses: [/NodeUniqueIndexSeek.*:Node\(id\)/] },
  // The few nodes that carry aliases, from their index: not every :Node, as one list-nodes per type read.
  'get-nodes-by-alias': { params: { aliases: ['Initiative:iawg_ai'] }, uses: [/NodeIndexScan.*:Node\(p_aliases\)/] },
  'list-nodes': {
    params: { type: 'ActionLine', codes: null, props: noProps, afterKey: null, afterId: null, limit: neo4j.int(6) },
    uses: [/NodeIndexSeek.*:Node\(type, sortKey\)/],
  },
  'list-nodes-from-end': {
    params: { type: 'ActionLine', codes: null, props: noProps, beforeKey: null, beforeId: null, limit: neo4j.int(6) },
    uses: [/NodeIndexSeek.*:Node\(type, sortKey\)/],
  },
  'count-nodes': { params: { type: 'SdgTarget', codes: null, props: noProps }, uses: [/NodeIndexSeek.*:Node\(type, sortKey\)/] },
  'get-edges': {
    params: { ends: [{ id: 'FACILITATES|Entity:ITU|ActionLine:C2', from: 'Entity:ITU', to: 'ActionLine:C2' }] },
    // Right after a wipe and reseed this was two NodeIndexScans of the id index and a NodeHashJoin
    // (plans and index samples of the empty graph) until db:seed refreshed the statistics.
    uses: [/NodeUniqueIndexSeek.*a:Node\(id\)/, /NodeUniqueIndexSeek.*b:Node\(id\)/, /Expand\(Into\)/],
    forbids: [/NodeIndexScan/, /NodeHashJoin/],
  },
  'get-edges-by-id': {
    params: { ids: ['not-conventional'] },
    uses: [],
    allowedScans: [{ operator: /./, why: 'only for ids not of the form type|from|to that the by-ends lookup missed (the null case)' }],
  },
  'get-neighbours': {
    params: { queries: [{ id: 'ActionLine:C2', direction: 'out', types: ['FACILITATES'] }] },
    // As get-edges: an id-index scan right after a wipe and reseed, until db:seed refreshed the statistics.
    uses: [/NodeUniqueIndexSeek.*a:Node\(id\)/, /Expand\(All\)/],
    forbids: [/NodeIndexScan/, /NodeHashJoin/],
  },
  'count-neighbours': {
    params: { queries: [{ id: 'Entity:ITU', direction: 'both', types: [] }] },
    uses: [/NodeUniqueIndexSeek.*a:Node\(id\)/],
    forbids: [/NodeIndexScan/, /NodeHashJoin/],
  },
  'list-edges': {
    params: { types: ['FACILITATES'], fromTypes: null, toTypes: null },
    uses: [],
    allowedScans: [
      {
        operator: /NodeByLabelScan|AllRelationshipsScan/,
        why: 'a type cannot be a parameter of a typed scan: in 5.26 type(r) IN $types and r:$any($types) both plan a scan of every relationship (or :Node) and a filter; see cypher/README.md',
      },
    ],
  },
  search: {
    params: { longest: 'health', tokens: ['health'], phrase: 'health', maxName: neo4j.int(200), ids: [], types: [], limit: neo4j.int(1000) },
    uses: [/NodeIndexContainsScan.*TEXT INDEX n:Node\(searchText\)/, /^(Limit|Top)/],
    allowedScans: [
      { operator: /NodeByLabelScan/, why: 'names the query contains (phrase branch): no index answers "which stored line is inside this text"' },
    ],
  },
  // Answered from the count store: no node or relationship is read (they were full scans).
  'count-node-types': { params: {}, uses: [/NodeCountFromCountStore/], forbids: [/Scan/] },
  'count-edge-types': { params: {}, uses: [/RelationshipCountFromCountStore/], forbids: [/Scan/] },
  'dataset-info': { params: {}, uses: [/NodeUniqueIndexSeek.*:Dataset\(id\)/] },
  'list-audit': {
    params: { afterSeq: neo4j.int(0), keyId: null, action: null, recordId: null, since: null, until: null, limit: neo4j.int(11) },
    uses: [/NodeIndexSeekByRange.*:AuditEntry\(seq\)|NodeUniqueIndexSeekByRange.*:AuditEntry\(seq\)/],
  },
  'find-audit-batch': { params: { batchId: 'b' }, uses: [/NodeUniqueIndexSeek.*:AuditEntry\(batchId\)/] },
  'next-audit-seq': { params: {}, uses: [/NodeUniqueIndexSeek.*:AuditLog\(id\)/] },
  'create-audit-entry': { params: { props: {} }, uses: [/Create/] },
  'get-nodes-for-update': { params: { ids: ['ActionLine:C2'] }, uses: [/NodeUniqueIndexSeek.*:Node\(id\)/, /SetProperty|SetProperties|RemoveProperty/] },
  'get-edges-for-update': {
    params: { ends: [{ id: 'FACILITATES|Entity:ITU|ActionLine:C2', from: 'Entity:ITU', to: 'ActionLine:C2' }] },
    uses: [/NodeUniqueIndexSeek.*a:Node\(id\)/, /NodeUniqueIndexSeek.*b:Node\(id\)/, /Expand\(Into\)/],
    forbids: [/NodeIndexScan/, /NodeHashJoin/],
  },
  'create-nodes': {
    params: { rows: [{ id: 'Entity:X', type: 'Entity', props: { id: 'Entity:X' } }] },
    uses: [/Merge|MergeInto|MergeCreateNode|NodeUniqueIndexSeek.*:Node\(id\)/],
    forbids: [/NodeIndexScan/],
  },
  'update-nodes': { params: { rows: [{ id: 'Entity:ITU', props: {} }] }, uses: [/NodeUniqueIndexSeek.*:Node\(id\)/], forbids: [/NodeIndexScan/] },
  'delete-nodes': { params: { ids: ['Entity:ITU'] }, uses: [/NodeUniqueIndexSeek.*:Node\(id\)/], forbids: [/NodeIndexScan/] },
  'create-edges': {
    params: { rows: [{ id: 'FACILITATES|Entity:ITU|ActionLine:C2', type: 'FACILITATES', from: 'Entity:ITU', to: 'ActionLine:C2', props: {} }] },
    uses: [/NodeUniqueIndexSeek.*a:Node\(id\)/, /NodeUniqueIndexSeek.*b:Node\(id\)/],
    forbids: [/NodeIndexScan/, /NodeHashJoin/],
  },
  'update-edges': {
    params: { rows: [{ id: 'FACILITATES|Entity:ITU|ActionLine:C2', from: 'Entity:ITU', to: 'ActionLine:C2', props: {} }] },
    uses: [/NodeUniqueIndexSeek.*a:Node\(id\)/, /NodeUniqueIndexSeek.*b:Node\(id\)/, /Expand\(Into\)/],
    forbids: [/NodeIndexScan/, /NodeHashJoin/],
  },
  'delete-edges': {
    params: { rows: [{ id: 'FACILITATES|Entity:ITU|ActionLine:C2', from: 'Entity:ITU', to: 'ActionLine:C2' }] },
    uses: [/NodeUniqueIndexSeek.*a:Node\(id\)/, /NodeUniqueIndexSeek.*b:Node\(id\)/, /Expand\(Into\)/],
    forbids: [/NodeIndexScan/, /NodeHashJoin/],
  },
};

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

// Every operator of a plan as "<operator> <details>", e.g. "NodeIndexSeek@neo4j RANGE INDEX n:Node(type, sortKey) WHERE …".
function operators(plan: PlanNode): Operator[] {
  const details = plan.arguments.Details;
  return [`${plan.operatorType.replace(/@.*$/, '')} ${typeof details === 'string' ? details : ''}`, ...plan.children.flatMap(operators)];
}

(liveNeo4jSkip ? describe.skip : describe)(`neo4j: query plans${liveNeo4jSkip ? ` (skipped: ${liveNeo4jSkip})` : ''}`, () => {
  const live = useLiveNeo4j();
  const queries = readCypherFolder(findCypherDir(), 'queries');

  // The state the plans are asserted in is the one a deployment meets right after `db:seed --wipe`:
  // the indexes were sampled on the empty graph (a new database; or Neo4j's background sampler
  // running after the wipe, which db.prepareForReplanning does here on purpose, so the test does not
  // depend on its timing), every query was planned on the empty graph (a service answering while the
  // seeding runs), and then the seeds were loaded. Without the statistics refresh that ends db:seed,
  // get-edges and get-neighbours kept id-index scans and hash joins from the empty graph.
  beforeAll(async () => {
    const session = live.driver().session({ database: live.config().NEO4J_DATABASE });
    try {
      await session.run(readCypherFolder(findCypherDir(), 'import').wipe!.text); // auto-commit, as IN TRANSACTIONS needs
      await session.run('CALL db.prepareForReplanning(300)');
    } finally {
      await session.close();
    }
    for (const [name, expectation] of Object.entries(expectations)) {
      if (queries[name]) await explain(queries[name].text, expectation.params);
    }
    await live.reseed();
  }, 300_000);

  async function explain(text: string, params: Record<string, unknown>): Promise<PlanNode> {
    const session = live.driver().session({ database: live.config().NEO4J_DATABASE });
    try {
      return (await session.run(`EXPLAIN ${text}`, params)).summary.plan as unknown as PlanNode;
    } finally {
      await session.close();
    }
  }

  it('lists an expectation for every query file, and no file that does not exist', () => {
    expect(Object.keys(expectations).sort()).toEqual(Object.keys(queries).sort());
  });

  for (const [name, expectation] of Object.entries(expectations)) {
    it(`${name}.cypher: uses ${expectation.uses.map(String).join(', ') || 'no index'}, and scans only what it must`, async () => {
      const file = queries[name];
      if (!file) throw new Error(`cypher/queries/${name}.cypher does not exist`);
      const found = operators(await explain(file.text, expectation.params));
      const missing = expectation.uses.filter((pattern) => !found.some((op) => pattern.test(op)));
      const unexpectedScans = found.filter(
        (op) => SCANS.test(op) && !(expectation.allowedScans ?? []).some((allowed) => allowed.operator.test(op)),
      );
      // The plan's operators are shown only when something is wrong, to say what the planner chose.
      const forbidden = found.filter((op) => (expectation.forbids ?? []).some((pattern) => pattern.test(op)));
      const shown = missing.length + unexpectedScans.length + forbidden.length > 0 ? { operators: found } : {};
      expect({ missing, unexpectedScans, forbidden, ...shown }).toEqual({ missing: [], unexpectedScans: [], forbidden: [] });
    });
  }
});
