import { connectionOfLinks } from './link-connections';
import { nodeFields } from './node-fields';
import { linksVia, nodesVia, prop } from './relations';

/** Resolvers of `Theme`. */
export const Theme = {
  ...nodeFields,
  tunisAgendaHeading: prop('tunisAgendaHeading'),
  facilitators: linksVia('in', ['FACILITATES']),
  initiatives: nodesVia('in', ['ADDRESSES']),
  activities: linksVia('in', ['REPORTS_ACTIVITY']),
  activitiesConnection: connectionOfLinks(linksVia('in', ['REPORTS_ACTIVITY'])),
  mandatedBy: linksVia('in', ['MANDATES', 'ASKS']),
  mandatedByConnection: connectionOfLinks(linksVia('in', ['MANDATES', 'ASKS'])),
};
