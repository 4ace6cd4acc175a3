import type { GraphNode } from '../../domain/graph-records';
import type { GraphQLContext } from '../context';
import { nodeFields } from './node-fields';
import { nodeVia, nodesAt, prop } from './relations';
import { partialDateOrNull } from './typed-twins';

/** Resolvers of `Meeting`: a meeting or session, its facts as fields. */
export const Meeting = {
  ...nodeFields,
  number: prop('number'),
  date: prop('date'),
  endDate: prop('endDate'),
  partialDate: (meeting: GraphNode) => partialDateOrNull(meeting.props.date),
  partialEndDate: (meeting: GraphNode) => partialDateOrNull(meeting.props.endDate),
  year: prop('year'),
  place: prop('place'),
  status: prop('status'),
  theme: prop('theme'),
  process: nodeVia('out', ['MEETING_OF'], ['Process']),
  body: nodeVia('out', ['MEETING_OF'], ['Entity']),
  adopted: async (meeting: GraphNode, _args: unknown, ctx: GraphQLContext) => nodesAt(ctx, meeting.id, 'in', ['ADOPTED_AT']),
};

/** The meetings of a process or sessions of a body, by date (undated last), then code. */
export async function meetingsOf(parent: GraphNode, _args: unknown, ctx: GraphQLContext): Promise<GraphNode[]> {
  const meetings = await nodesAt(ctx, parent.id, 'in', ['MEETING_OF'], ['Meeting']);
  const when = (m: GraphNode) => String(m.props.date ?? m.props.year ?? '~');
  return [...meetings].sort((a, b) => (when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : a.code < b.code ? -1 : 1));
}
