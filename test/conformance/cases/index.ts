import type { CaseGroup } from '../harness';
import { analytics } from './analytics';
import { apiConnections } from './api-connections';
import { apiLookups } from './api-lookups';
import { batching } from './batching';
import { curation } from './curation';
import { portReads } from './port-reads';
import { search } from './search';
import { writes } from './writes';

/**
 * Every case group of the conformance suite, in the order they run. To add
 * an area (e.g. `analytics.ts`), export a `CaseGroup` from a new file here
 * and list it below: `describeGraphStore` then runs it against every store.
 */
export const conformanceCases: readonly CaseGroup[] = [portReads, search, writes, curation, apiLookups, apiConnections, batching, analytics];
