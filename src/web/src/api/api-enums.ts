/**
 * Enum values of the API, put in by the build from the SDL in schema/ (see
 * vite.config.mjs), in the order the schema lists them.
 */
declare const __API_ENUMS__: { MatrixAxis: string[]; MatrixMeasure: string[]; GoalLinkReach: string[] };

/** `MatrixAxis`: what a matrix's rows or columns can be. */
export const AXES: readonly string[] = __API_ENUMS__.MatrixAxis;
/** `MatrixMeasure`: what a matrix cell counts. */
export const MEASURES: readonly string[] = __API_ENUMS__.MatrixMeasure;
/** `GoalLinkReach`: how a goal-level link counts toward targets. */
export const GOAL_LINKS: readonly string[] = __API_ENUMS__.GoalLinkReach;
