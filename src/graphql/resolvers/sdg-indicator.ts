import { nodeFields } from './node-fields';
import { listProp, nodesVia, prop } from './relations';

/** Resolvers of `SdgIndicator`. */
export const SdgIndicator = {
  ...nodeFields,
  unsdCode: prop('unsdCode'),
  listedAs: listProp('listedAs'),
  targets: nodesVia('out', ['INDICATOR_OF']),
};
