import { connectionOfLinks } from './link-connections';
import { nodeFields } from './node-fields';
import { meetingsOf } from './meeting';
import { linksVia, listProp, nodesVia, prop } from './relations';

/** Resolvers of `Entity`. */
export const Entity = {
  ...nodeFields,
  kind: prop('kind'),
  nameZhVariants: listProp('nameZhVariants'),
  respondentToSgWsisReport2024: prop('respondentToSgWsisReport2024'),
  facilitates: linksVia('out', ['FACILITATES']),
  mandatedBy: linksVia('in', ['MANDATES', 'ASKS']),
  mandatedByConnection: connectionOfLinks(linksVia('in', ['MANDATES', 'ASKS'])),
  leads: nodesVia('in', ['LED_BY']),
  partnerIn: nodesVia('in', ['PARTNER']),
  activities: linksVia('out', ['REPORTS_ACTIVITY']),
  activitiesConnection: connectionOfLinks(linksVia('out', ['REPORTS_ACTIVITY'])),
  sessions: meetingsOf,
};
