import { connectionOfLinks } from './link-connections';
import { nodeFields } from './node-fields';
import { meetingsOf } from './meeting';
import { linksVia, nodesVia, prop } from './relations';

/** Resolvers of `Process`. */
export const Process = {
  ...nodeFields,
  kind: prop('kind'),
  ledBy: nodesVia('out', ['LED_BY']),
  partners: nodesVia('out', ['PARTNER']),
  mandatedBy: linksVia('in', ['MANDATES', 'ASKS']),
  mandatedByConnection: connectionOfLinks(linksVia('in', ['MANDATES', 'ASKS'])),
  meetings: meetingsOf,
};
