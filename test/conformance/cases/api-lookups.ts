import type { GraphNode } from '../../../src/domain/graph-records';
import type { NodeType } from '../../../src/domain/node-types';
import {
  LINK,
  NODE_HEAD,
  PROVENANCE,
  linkJson,
  listPropOf,
  nodeHead,
  propOf,
  provenanceJson,
  ref,
  refs,
  upper,
} from '../api-json';
import type { CaseGroup } from '../harness';
import { distinctByCode, type SeedModel } from '../seed-model';

const ok = (data: Record<string, unknown>) => ({ status: 200, body: { data } });

// The node of a type with the most links: a lookup case then exercises as many relationship fields as the seeds allow.
function richest(seeds: SeedModel, type: NodeType, predicate: (node: GraphNode) => boolean = () => true): GraphNode {
  const candidates = seeds.ofType(type).filter(predicate);
  if (candidates.length === 0) throw new Error(`the seeds have no ${type} as this test needs`);
  return candidates.reduce((best, node) =>
    seeds.neighbours(node.id, 'both').length > seeds.neighbours(best.id, 'both').length ? node : best,
  );
}

const MANDATE = `id kind by { id } assignee { id } document paragraph action relation confidence`;
function mandateJson(seeds: SeedModel, edgeId: string) {
  const edge = seeds.edge(edgeId);
  return {
    id: `Mandate:${edge.id}`,
    kind: edge.type,
    by: { id: edge.from },
    assignee: { id: edge.to },
    document: edge.provenance.sources[0]?.document ?? null,
    paragraph: edge.provenance.sources[0]?.paragraph ?? null,
    action: edge.props.action ?? null,
    relation: edge.props.relation ?? null,
    confidence: upper(edge.provenance.confidence),
  };
}

const FACILITATION = `id role roleWordInSource entity { id } actionLine { id } confidence`;
function facilitationJson(seeds: SeedModel, edgeId: string) {
  const edge = seeds.edge(edgeId);
  return {
    id: `Facilitation:${edge.id}`,
    role: upper(edge.props.role),
    roleWordInSource: edge.props.roleWordInSource ?? null,
    entity: { id: edge.from },
    actionLine: { id: edge.to },
    confidence: upper(edge.provenance.confidence),
  };
}

const MATRIX = `id level actionLine { id } target { id } goal { id } rationale`;
function matrixJson(seeds: SeedModel, edgeId: string) {
  const edge = seeds.edge(edgeId);
  const toTarget = seeds.node(edge.to).type === 'SdgTarget';
  return {
    id: `MatrixLink:${edge.id}`,
    level: toTarget ? 'TARGET' : 'GOAL',
    actionLine: { id: edge.from },
    target: toTarget ? { id: edge.to } : null,
    goal: toTarget ? ref(seeds.linked(edge.to, 'out', ['TARGET_OF'])[0]) : { id: edge.to },
    rationale: edge.props.rationale ?? null,
  };
}

const ACTIVITY = `id label entity { id } actionLine { id }`;
const activityJson = (seeds: SeedModel, edgeId: string) => {
  const edge = seeds.edge(edgeId);
  return { id: `Activity:${edge.id}`, label: edge.props.label ?? null, entity: { id: edge.from }, actionLine: { id: edge.to } };
};

const edgeIds = (seeds: SeedModel, id: string, direction: 'in' | 'out', types: Parameters<SeedModel['neighbours']>[2]) =>
  seeds.neighbours(id, direction, types).map((n) => n.edge.id);

/** Every lookup root field of the API, answered whole. */
export const apiLookups: CaseGroup = {
  area: 'api: lookups',
  cases: [
    {
      name: 'node answers any node by global id with names, provenance and links; null for an unknown id',
      async run({ graphql, seeds }) {
        const c7 = seeds.node('ActionLine:C7');
        const response = await graphql(
          `query ($id: ID!) {
            node(id: $id) { __typename ${NODE_HEAD} ${PROVENANCE} links { ${LINK} } out: links(direction: OUT, types: [SUB_LINE_OF, MATRIX_LINK]) { id } }
            missing: node(id: "ActionLine:C99") { id }
          }`,
          { id: c7.id },
        );
        expect(response).toEqual(
          ok({
            node: {
              __typename: 'ActionLine',
              ...nodeHead(c7),
              ...provenanceJson(c7),
              links: seeds.neighbours(c7.id, 'both').map((n) => linkJson(n.edge, c7.id)),
              out: seeds.neighbours(c7.id, 'out', ['SUB_LINE_OF', 'MATRIX_LINK']).map((n) => ({ id: n.edge.id })),
            },
            missing: null,
          }),
        );
      },
    },
    {
      name: 'node rejects a malformed global id with BAD_USER_INPUT naming the argument',
      async run({ graphql }) {
        const response = await graphql(`{ node(id: "no-type-here") { id } }`);
        expect(response.body.data).toEqual({ node: null });
        expect(response.body.errors?.map((e) => ({ path: e.path, code: e.extensions?.code, argument: e.extensions?.argument }))).toEqual([
          { path: ['node'], code: 'BAD_USER_INPUT', argument: 'id' },
        ]);
      },
    },
    {
      name: 'nodes answers in the order asked, null for an unknown id',
      async run({ graphql, seeds }) {
        const a = seeds.pick('SdgGoal');
        const b = seeds.pick('Entity');
        const response = await graphql(`query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id code } }`, {
          ids: [b.id, 'Entity:NO-SUCH-BODY', a.id],
        });
        expect(response).toEqual(
          ok({ nodes: [{ __typename: b.type, id: b.id, code: b.code }, null, { __typename: a.type, id: a.id, code: a.code }] }),
        );
      },
    },
    {
      name: 'node and nodes answer a merged record\'s old id with the node it was merged into, in the order asked',
      async run({ graphql, seeds }) {
        const holder = seeds.nodes.find((node) => Array.isArray(node.props.aliases) && node.props.aliases.length > 0)!;
        const alias = (holder.props.aliases as string[])[0]!;
        const other = seeds.pick('SdgGoal');
        const response = await graphql(`query ($alias: ID!, $ids: [ID!]!) { node(id: $alias) { id code } nodes(ids: $ids) { id } }`, {
          alias,
          ids: [other.id, 'Initiative:no-such-merged-record', alias, alias],
        });
        expect(response).toEqual(
          ok({ node: { id: holder.id, code: holder.code }, nodes: [{ id: other.id }, null, { id: holder.id }, { id: holder.id }] }),
        );
      },
    },
    {
      name: 'dataset answers version, build time and counts per type',
      async run({ graphql, seeds }) {
        const response = await graphql(`{ dataset { version builtAt counts { type count } linkCounts { type count } } }`);
        const counts = seeds.counts();
        expect(response).toEqual(
          ok({ dataset: { version: seeds.version, builtAt: seeds.builtAt, counts: counts.nodes, linkCounts: counts.edges } }),
        );
      },
    },
    {
      name: 'actionLine answers a line with its sub-lines, facilitators, matrix links, goals, mandates, initiatives and activities',
      async run({ graphql, seeds }) {
        const fields = `${NODE_HEAD} nameGenevaPlan2003 nameZhItu kind parent { id } subLines { id }
          facilitators { ${FACILITATION} } matrixLinks { ${MATRIX} } sdgTargets { id } sdgGoals { id }
          mandatedBy { ${MANDATE} } initiatives { id } activities { ${ACTIVITY} } gdcCorrespondences { ${LINK} } ${PROVENANCE}`;
        const response = await graphql(
          `{ c7: actionLine(code: "C7") { ${fields} } sub: actionLine(code: "C7.e-health") { ${fields} } none: actionLine(code: "C99") { id } }`,
        );
        const expected = (line: GraphNode) => {
          const linked = seeds.linked(line.id, 'out', ['MATRIX_LINK']);
          const goals = [
            ...linked.filter((n) => n.type === 'SdgGoal'),
            ...linked.filter((n) => n.type === 'SdgTarget').flatMap((t) => seeds.linked(t.id, 'out', ['TARGET_OF'])),
          ];
          return {
            ...nodeHead(line),
            nameGenevaPlan2003: propOf(line, 'nameGenevaPlan2003'),
            nameZhItu: propOf(line, 'nameZhItu'),
            kind: upper(line.props.kind ?? (line.props.parent ? 'sub_line' : 'action_line')),
            parent: ref(seeds.linked(line.id, 'out', ['SUB_LINE_OF'])[0]),
            subLines: refs(seeds.linked(line.id, 'in', ['SUB_LINE_OF'])),
            facilitators: edgeIds(seeds, line.id, 'in', ['FACILITATES']).map((id) => facilitationJson(seeds, id)),
            matrixLinks: edgeIds(seeds, line.id, 'out', ['MATRIX_LINK']).map((id) => matrixJson(seeds, id)),
            sdgTargets: refs(seeds.linked(line.id, 'out', ['MATRIX_LINK'], ['SdgTarget'])),
            sdgGoals: refs(distinctByCode(goals)),
            mandatedBy: edgeIds(seeds, line.id, 'in', ['MANDATES', 'ASKS']).map((id) => mandateJson(seeds, id)),
            initiatives: refs(seeds.linked(line.id, 'in', ['ADDRESSES'])),
            activities: edgeIds(seeds, line.id, 'in', ['REPORTS_ACTIVITY']).map((id) => activityJson(seeds, id)),
            gdcCorrespondences: seeds.neighbours(line.id, 'in', ['CORRESPONDS_TO']).map((n) => linkJson(n.edge, line.id)),
            ...provenanceJson(line),
          };
        };
        const c7 = seeds.node('ActionLine:C7');
        expect(seeds.linked(c7.id, 'in', ['SUB_LINE_OF']).length).toBeGreaterThan(0);
        expect(response).toEqual(ok({ c7: expected(c7), sub: expected(seeds.node('ActionLine:C7.e-health')), none: null }));
      },
    },
    {
      name: 'theme answers a Tunis Agenda theme with facilitators, initiatives, activities and mandates',
      async run({ graphql, seeds }) {
        const theme = richest(seeds, 'Theme');
        const response = await graphql(
          `query ($code: String!) { theme(code: $code) { ${NODE_HEAD} tunisAgendaHeading facilitators { ${FACILITATION} }
            initiatives { id } activities { ${ACTIVITY} } mandatedBy { ${MANDATE} } ${PROVENANCE} } }`,
          { code: theme.code },
        );
        expect(response).toEqual(
          ok({
            theme: {
              ...nodeHead(theme),
              tunisAgendaHeading: propOf(theme, 'tunisAgendaHeading'),
              facilitators: edgeIds(seeds, theme.id, 'in', ['FACILITATES']).map((id) => facilitationJson(seeds, id)),
              initiatives: refs(seeds.linked(theme.id, 'in', ['ADDRESSES'])),
              activities: edgeIds(seeds, theme.id, 'in', ['REPORTS_ACTIVITY']).map((id) => activityJson(seeds, id)),
              mandatedBy: edgeIds(seeds, theme.id, 'in', ['MANDATES', 'ASKS']).map((id) => mandateJson(seeds, id)),
              ...provenanceJson(theme),
            },
          }),
        );
      },
    },
    {
      name: 'entity answers a body with what it facilitates, leads, partners in, reported and is mandated to do',
      async run({ graphql, seeds }) {
        const entity = richest(seeds, 'Entity');
        const response = await graphql(
          `query ($code: String!) { entity(code: $code) { ${NODE_HEAD} kind nameZhVariants respondentToSgWsisReport2024
            facilitates { ${FACILITATION} } mandatedBy { ${MANDATE} } leads { id } partnerIn { id } activities { ${ACTIVITY} } ${PROVENANCE} } }`,
          { code: entity.code },
        );
        expect(response).toEqual(
          ok({
            entity: {
              ...nodeHead(entity),
              kind: propOf(entity, 'kind'),
              nameZhVariants: listPropOf(entity, 'nameZhVariants'),
              respondentToSgWsisReport2024: propOf(entity, 'respondentToSgWsisReport2024'),
              facilitates: edgeIds(seeds, entity.id, 'out', ['FACILITATES']).map((id) => facilitationJson(seeds, id)),
              mandatedBy: edgeIds(seeds, entity.id, 'in', ['MANDATES', 'ASKS']).map((id) => mandateJson(seeds, id)),
              leads: refs(seeds.linked(entity.id, 'in', ['LED_BY'])),
              partnerIn: refs(seeds.linked(entity.id, 'in', ['PARTNER'])),
              activities: edgeIds(seeds, entity.id, 'out', ['REPORTS_ACTIVITY']).map((id) => activityJson(seeds, id)),
              ...provenanceJson(entity),
            },
          }),
        );
      },
    },
    {
      name: 'process answers a process with who leads it, partners and mandates',
      async run({ graphql, seeds }) {
        const process = richest(seeds, 'Process');
        const response = await graphql(
          `query ($code: String!) { process(code: $code) { ${NODE_HEAD} kind ledBy { id } partners { id } mandatedBy { ${MANDATE} } ${PROVENANCE} } }`,
          { code: process.code },
        );
        expect(response).toEqual(
          ok({
            process: {
              ...nodeHead(process),
              kind: propOf(process, 'kind'),
              ledBy: refs(seeds.linked(process.id, 'out', ['LED_BY'])),
              partners: refs(seeds.linked(process.id, 'out', ['PARTNER'])),
              mandatedBy: edgeIds(seeds, process.id, 'in', ['MANDATES', 'ASKS']).map((id) => mandateJson(seeds, id)),
              ...provenanceJson(process),
            },
          }),
        );
      },
    },
    {
      name: 'sdgGoal answers a goal with short names, colours, targets, matrix links, action lines and contributors',
      async run({ graphql, seeds }) {
        const goal = seeds.node('SdgGoal:9');
        const response = await graphql(
          `{ sdgGoal(code: "9") { ${NODE_HEAD} shortName en: shortName(lang: EN) zhShort: shortName(lang: ZH) colour colourBrand
            targets { id } matrixLinks { ${MATRIX} } actionLines { id } contributors { ${LINK} } ${PROVENANCE} } none: sdgGoal(code: "99") { id } }`,
        );
        const viaTargets = seeds.linked(goal.id, 'in', ['TARGET_OF']).flatMap((t) => seeds.linked(t.id, 'in', ['MATRIX_LINK']));
        const lines = [...seeds.linked(goal.id, 'in', ['MATRIX_LINK']), ...viaTargets];
        expect(viaTargets.length).toBeGreaterThan(0);
        expect(response).toEqual(
          ok({
            sdgGoal: {
              ...nodeHead(goal),
              shortName: propOf(goal, 'shortName_en'),
              en: propOf(goal, 'shortName_en'),
              zhShort: goal.props.shortName_zh ?? goal.props.shortName_en ?? null,
              colour: propOf(goal, 'colour'),
              colourBrand: propOf(goal, 'colourBrand'),
              targets: refs(seeds.linked(goal.id, 'in', ['TARGET_OF'])),
              matrixLinks: edgeIds(seeds, goal.id, 'in', ['MATRIX_LINK']).map((id) => matrixJson(seeds, id)),
              actionLines: refs(distinctByCode(lines)),
              contributors: seeds.neighbours(goal.id, 'in', ['CONTRIBUTES_TO']).map((n) => linkJson(n.edge, goal.id)),
              ...provenanceJson(goal),
            },
            none: null,
          }),
        );
      },
    },
    {
      name: 'sdgTarget answers a target with kind, goal, indicators, matrix links, action lines and contributors',
      async run({ graphql, seeds }) {
        const target = richest(seeds, 'SdgTarget');
        const response = await graphql(
          `query ($code: String!) { sdgTarget(code: $code) { ${NODE_HEAD} kind goal { id } indicators { id }
            matrixLinks { ${MATRIX} } actionLines { id } contributors { ${LINK} } ${PROVENANCE} } }`,
          { code: target.code },
        );
        expect(response).toEqual(
          ok({
            sdgTarget: {
              ...nodeHead(target),
              kind: upper(target.props.kind ?? (/\.\d+$/.test(target.code) ? 'outcome' : 'means_of_implementation')),
              goal: ref(seeds.linked(target.id, 'out', ['TARGET_OF'])[0]),
              indicators: refs(seeds.linked(target.id, 'in', ['INDICATOR_OF'])),
              matrixLinks: edgeIds(seeds, target.id, 'in', ['MATRIX_LINK']).map((id) => matrixJson(seeds, id)),
              actionLines: refs(seeds.linked(target.id, 'in', ['MATRIX_LINK'])),
              contributors: seeds.neighbours(target.id, 'in', ['CONTRIBUTES_TO']).map((n) => linkJson(n.edge, target.id)),
              ...provenanceJson(target),
            },
          }),
        );
      },
    },
    {
      name: 'sdgIndicator answers by its own code and by any other listing code',
      async run({ graphql, seeds }) {
        const indicator = seeds.pick('SdgIndicator', (n) => Array.isArray(n.props.listedAs) && n.props.listedAs.length > 1);
        const alias = (indicator.props.listedAs as string[]).find((code) => code !== indicator.code)!;
        const fields = `${NODE_HEAD} unsdCode listedAs targets { id } ${PROVENANCE}`;
        const response = await graphql(
          `query ($code: String!, $alias: String!) { own: sdgIndicator(code: $code) { ${fields} } alias: sdgIndicator(code: $alias) { ${fields} } none: sdgIndicator(code: "99.9.9") { id } }`,
          { code: indicator.code, alias },
        );
        const expected = {
          ...nodeHead(indicator),
          unsdCode: propOf(indicator, 'unsdCode'),
          listedAs: listPropOf(indicator, 'listedAs'),
          targets: refs(seeds.linked(indicator.id, 'out', ['INDICATOR_OF'])),
          ...provenanceJson(indicator),
        };
        expect(expected.targets.length).toBeGreaterThan(1);
        expect(response).toEqual(ok({ own: expected, alias: expected, none: null }));
      },
    },
    {
      name: 'resolution answers by dataset id and by official symbol, with mandates (its paragraphs\' too), relations and citations',
      async run({ graphql, seeds }) {
        const withParagraphs = richest(seeds, 'Resolution', (n) => seeds.linked(n.id, 'in', ['PART_OF'], ['Paragraph']).length > 0);
        const bySymbol = seeds.pick('Resolution', (n) => typeof n.props.symbol === 'string' && n.props.symbol !== n.code);
        const fields = `${NODE_HEAD} symbol body instrument date year venue shortLabel mandates { ${MANDATE} } paragraphs { id }
          relations { ${LINK} } citedBy { ${LINK} } ${PROVENANCE}`;
        const response = await graphql(
          `query ($id: String!, $symbol: String!) { byId: resolution(symbol: $id) { ${fields} } bySymbol: resolution(symbol: $symbol) { ${fields} } none: resolution(symbol: "A/RES/0/0") { id } }`,
          { id: withParagraphs.code, symbol: bySymbol.props.symbol },
        );
        const relationTypes = ['REVISES', 'REAFFIRMS', 'FOLLOWS_UP', 'ENDORSES', 'RECALLS', 'BUILDS_ON'] as const;
        const expected = (node: GraphNode) => {
          const paragraphs = seeds.linked(node.id, 'in', ['PART_OF'], ['Paragraph']);
          const mandates = [node, ...paragraphs]
            .flatMap((n) => edgeIds(seeds, n.id, 'out', ['MANDATES', 'ASKS']))
            .sort((a, b) => (a < b ? -1 : 1));
          return {
            ...nodeHead(node),
            ...Object.fromEntries(['symbol', 'body', 'instrument', 'date', 'year', 'venue', 'shortLabel'].map((k) => [k, propOf(node, k)])),
            mandates: mandates.map((id) => mandateJson(seeds, id)),
            paragraphs: refs(paragraphs),
            relations: seeds.neighbours(node.id, 'out', relationTypes).map((n) => linkJson(n.edge, node.id)),
            citedBy: seeds.neighbours(node.id, 'in', relationTypes).map((n) => linkJson(n.edge, node.id)),
            ...provenanceJson(node),
          };
        };
        expect(response).toEqual(ok({ byId: expected(withParagraphs), bySymbol: expected(bySymbol), none: null }));
      },
    },
    {
      name: 'paragraph answers a paragraph with its document and the mandates it gives',
      async run({ graphql, seeds }) {
        const paragraph = richest(seeds, 'Paragraph');
        const response = await graphql(
          `query ($code: String!) { paragraph(code: $code) { ${NODE_HEAD} document { id } number action theme deadline mandates { ${MANDATE} } ${PROVENANCE} } }`,
          { code: paragraph.code },
        );
        expect(response).toEqual(
          ok({
            paragraph: {
              ...nodeHead(paragraph),
              document: ref(seeds.linked(paragraph.id, 'out', ['PART_OF'])[0]),
              ...Object.fromEntries(['number', 'action', 'theme', 'deadline'].map((k) => [k, propOf(paragraph, k)])),
              mandates: edgeIds(seeds, paragraph.id, 'out', ['MANDATES', 'ASKS']).map((id) => mandateJson(seeds, id)),
              ...provenanceJson(paragraph),
            },
          }),
        );
      },
    },
    {
      name: 'initiative answers an initiative with leads, partners, action lines, SDGs and related nodes',
      async run({ graphql, seeds }) {
        const initiative = richest(seeds, 'Initiative');
        const response = await graphql(
          `query ($id: String!) { initiative(id: $id) { ${NODE_HEAD} kind start status ledBy { id } partners { id } actionLines { id } sdgs { id } related { id } ${PROVENANCE} } }`,
          { id: initiative.code },
        );
        expect(response).toEqual(
          ok({
            initiative: {
              ...nodeHead(initiative),
              kind: propOf(initiative, 'kind'),
              start: propOf(initiative, 'start'),
              status: propOf(initiative, 'status'),
              ledBy: refs(seeds.linked(initiative.id, 'out', ['LED_BY'])),
              partners: refs(seeds.linked(initiative.id, 'out', ['PARTNER'])),
              actionLines: refs(seeds.linked(initiative.id, 'out', ['ADDRESSES'])),
              sdgs: refs(seeds.linked(initiative.id, 'out', ['CONTRIBUTES_TO'])),
              related: refs(seeds.linked(initiative.id, 'out', ['RELATED_TO'])),
              ...provenanceJson(initiative),
            },
          }),
        );
      },
    },
    {
      name: 'gdcObjective and gdcCommitment answer GDC parts with their links; gdcObjectives and gdcPrinciples list them in order',
      async run({ graphql, seeds }) {
        const objective = richest(seeds, 'GdcObjective');
        const commitment = richest(seeds, 'GdcCommitment');
        const response = await graphql(
          `query ($number: Int!, $code: String!) {
            gdcObjective(number: $number) { ${NODE_HEAD} number shortLabel commitments { id } wsisCorrespondences { ${LINK} } ${PROVENANCE} }
            gdcCommitment(code: $code) { ${NODE_HEAD} paragraph action status draft objective { id } mandates { ${MANDATE} } named { id }
              wsisCorrespondences { ${LINK} } sdgs { id } ${PROVENANCE} }
            gdcObjectives { id number }
            gdcPrinciples { id code }
            none: gdcObjective(number: 99) { id }
          }`,
          { number: Number(objective.code), code: commitment.code },
        );
        expect(response).toEqual(
          ok({
            gdcObjective: {
              ...nodeHead(objective),
              number: Number(objective.code),
              shortLabel: propOf(objective, 'shortLabel'),
              commitments: refs(seeds.linked(objective.id, 'in', ['UNDER_OBJECTIVE'])),
              wsisCorrespondences: seeds.neighbours(objective.id, 'out', ['CORRESPONDS_TO']).map((n) => linkJson(n.edge, objective.id)),
              ...provenanceJson(objective),
            },
            gdcCommitment: {
              ...nodeHead(commitment),
              paragraph: propOf(commitment, 'paragraph'),
              action: propOf(commitment, 'action'),
              status: upper(commitment.props.status),
              draft: propOf(commitment, 'draft'),
              objective: ref(seeds.linked(commitment.id, 'out', ['UNDER_OBJECTIVE'])[0]),
              mandates: edgeIds(seeds, commitment.id, 'out', ['MANDATES', 'ASKS']).map((id) => mandateJson(seeds, id)),
              named: refs(seeds.linked(commitment.id, 'out', ['NAMES'])),
              wsisCorrespondences: seeds.neighbours(commitment.id, 'out', ['CORRESPONDS_TO']).map((n) => linkJson(n.edge, commitment.id)),
              sdgs: refs(seeds.linked(commitment.id, 'out', ['CONTRIBUTES_TO'])),
              ...provenanceJson(commitment),
            },
            gdcObjectives: seeds.ofType('GdcObjective').map((n) => ({ id: n.id, number: Number(n.code) })),
            gdcPrinciples: seeds.ofType('GdcPrinciple').map((n) => ({ id: n.id, code: n.code })),
            none: null,
          }),
        );
      },
    },
  ],
};
