import type { BenchLeg } from '../bench-leg';
import { coldStartPhasesLeg } from './cold-start-phases';
import { compiledExecutionLeg } from './compiled-execution';
import { remoteStoreLeg } from './remote-store';

/**
 * The bench's legs, run in this order after the ×1 table and before the scale points
 * (see bench-leg.ts for how to add one: a module here and a line in this list).
 */
export const LEGS: readonly BenchLeg[] = [coldStartPhasesLeg, compiledExecutionLeg, remoteStoreLeg];
