import { connectionOfLinks } from './link-connections';
import { nodeFields } from './node-fields';
import { linksVia, listProp, nodeVia, prop } from './relations';

/** Resolvers of `Paragraph`. */
export const Paragraph = {
  ...nodeFields,
  document: nodeVia('out', ['PART_OF']),
  number: prop('number'),
  action: prop('action'),
  theme: prop('theme'),
  deadline: prop('deadline'),
  label: prop('label'),
  section: prop('section'),
  partial: prop('partial'),
  askedGroups: listProp('askedGroups'),
  mandates: linksVia('out', ['MANDATES', 'ASKS']),
  mandatesConnection: connectionOfLinks(linksVia('out', ['MANDATES', 'ASKS'])),
};
