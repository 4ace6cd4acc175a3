import { nodeFields } from './node-fields';
import { linksVia, nodeVia, prop } from './relations';

/** Resolvers of `Paragraph`. */
export const Paragraph = {
  ...nodeFields,
  document: nodeVia('out', ['PART_OF']),
  number: prop('number'),
  action: prop('action'),
  theme: prop('theme'),
  deadline: prop('deadline'),
  mandates: linksVia('out', ['MANDATES', 'ASKS']),
};
