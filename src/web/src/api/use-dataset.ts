import { useQuery } from './use-query';

export interface Dataset {
  version: string;
  builtAtTime: string;
  counts: { type: string; count: number }[];
  linkCounts: { type: string; count: number }[];
}

const DATASET = `{ dataset { version builtAtTime counts { type count } linkCounts { type count } } }`;

/** The dataset the service holds: its version names every download and is shown on every page. */
export function useDataset() {
  const state = useQuery<{ dataset: Dataset }>(DATASET, {});
  return { ...state, data: state.data?.dataset };
}
