/** How sure a fact is: read in a source, recalled (not yet re-read), or derived by a stated method. */
export const CONFIDENCES = ['source', 'recalled', 'derived'] as const;
export type Confidence = (typeof CONFIDENCES)[number];
