import { createEmbeddedGraphStore } from '../../src/store/embedded/create-embedded-graph-store';
import { describeGraphStore } from './describe-graph-store';

describeGraphStore({
  name: 'embedded',
  create: async () => createEmbeddedGraphStore(),
});
