/**
 * What the benchmark asks: one GraphQL request per workload, each with a
 * check of its answer beyond "no errors", so that a broken build cannot pass
 * for a fast one. A workload whose root field the schema lacks (the analytics
 * fields, before they land) is reported "not available" and skipped.
 */
export interface Workload {
  /** Short key used in tables and JSON. */
  name: string;
  /** What it exercises, for the table. */
  title: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Root `Query` fields it needs. */
  needs: string[];
  /** Why the answer is wrong, or null when it is right. */
  check: (data: Record<string, unknown>) => string | null;
}

type Json = Record<string, unknown>;
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const expect = (ok: boolean, why: string) => (ok ? null : why);

export const WORKLOADS: readonly Workload[] = [
  {
    name: 'lookup',
    title: 'node lookup by code',
    needs: ['actionLine'],
    query: '{ actionLine(code: "C7.e-health") { id code name nameZh: name(lang: ZH) kind parent { code } } }',
    check: (d) => {
      const line = d.actionLine as Json | null;
      return expect(line?.code === 'C7.e-health' && (line.parent as Json | null)?.code === 'C7', 'actionLine C7.e-health with parent C7');
    },
  },
  {
    name: 'list',
    title: 'paginated list, first 50',
    needs: ['initiatives'],
    query: '{ initiatives(first: 50) { totalCount pageInfo { hasNextPage endCursor } nodes { id code name kind } } }',
    check: (d) => {
      const page = d.initiatives as Json;
      return expect(list(page.nodes).length === Math.min(50, Number(page.totalCount)), 'min(50, totalCount) initiatives');
    },
  },
  {
    name: 'depth3',
    title: 'goals → targets → action lines → facilitators',
    needs: ['sdgGoals'],
    query:
      '{ sdgGoals(first: 17) { nodes { code targets { code actionLines { code facilitators { role entity { code } } } } } } }',
    check: (d) => {
      const goals = list((d.sdgGoals as Json).nodes);
      const facilitators = goals.flatMap((g) => list(g.targets).flatMap((t) => list(t.actionLines).flatMap((a) => list(a.facilitators))));
      return expect(goals.length === 17 && facilitators.length > 0, '17 goals reaching some facilitators');
    },
  },
  {
    name: 'searchEn',
    title: 'search, English',
    needs: ['searchConnection'],
    query: '{ searchConnection(query: "digital", first: 20) { nodes { score node { id code name } } } }',
    check: (d) => expect(list((d.searchConnection as Json).nodes).length > 0, 'some hits for "digital"'),
  },
  {
    name: 'searchZh',
    title: 'search, Chinese',
    needs: ['searchConnection'],
    query: '{ searchConnection(query: "数字", first: 20) { nodes { score node { id code name(lang: ZH) } } } }',
    check: (d) => expect(list((d.searchConnection as Json).nodes).length > 0, 'some hits for "数字"'),
  },
  {
    name: 'matrix',
    title: 'action lines × SDG goals, full matrix',
    needs: ['matrix'],
    query:
      '{ matrix(rows: ACTION_LINES, columns: SDG_GOALS) { rows { code } columns { code } cells { row { code } column { code } value evidence { id } } } }',
    check: (d) => {
      const matrix = d.matrix as Json | null;
      return expect(
        list(matrix?.rows).length === 19 && list(matrix?.columns).length === 17 && list(matrix?.cells).length > 0,
        '19 action lines × 17 goals with some cells',
      );
    },
  },
  {
    name: 'overlap',
    title: 'overlap of two entities',
    needs: ['overlap'],
    query:
      '{ overlap(a: "Entity:ITU", b: "Entity:UNESCO", goalLinks: GOAL_ONLY) { targetCountA targetCountB jaccard sharedTargets { node { code } evidenceA { id } evidenceB { id } } onlyA { code } onlyB { code } } }',
    check: (d) => {
      const overlap = d.overlap as Json | null;
      return expect(Number(overlap?.targetCountA) > 0 && Number(overlap?.targetCountB) > 0, 'both entities reaching some targets');
    },
  },
  {
    name: 'paths',
    title: 'paths entity → SDG goal, ≤ 4 hops',
    needs: ['paths'],
    query: '{ paths(from: "Entity:ITU", to: "SdgGoal:9", maxHops: 4, first: 5) { length nodes { id } links { id type } } }',
    check: (d) => {
      const paths = list(d.paths);
      const joins = paths.every((p) => list(p.nodes)[0]?.id === 'Entity:ITU' && list(p.nodes).at(-1)?.id === 'SdgGoal:9');
      return expect(paths.length > 0 && joins, 'paths from Entity:ITU to SdgGoal:9');
    },
  },
];

/** The request body autocannon sends and the ceiling looks up. */
export function requestBody(workload: Workload): string {
  return JSON.stringify({ query: workload.query, ...(workload.variables ? { variables: workload.variables } : {}) });
}
