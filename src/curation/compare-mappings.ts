import { compareCodes } from '../domain/sort-key';

/**
 * Comparison of two sets of mapping assertions (action line × SDG target or
 * goal), e.g. a working group's study against the official WSIS–SDG Matrix
 * or against another study. Pairs compare exactly: a link to goal 9 and a
 * link to target 9.c are different pairs (no roll-up from targets to goals).
 */
export interface MappingAssertion {
  /** Global id of the action line, e.g. `ActionLine:C2`. */
  actionLine: string;
  /** Global id of the SDG target or goal, e.g. `SdgTarget:9.c`. */
  sdg: string;
  rationale: string | null;
}

export interface PairComparison {
  actionLine: string;
  sdg: string;
  baseRationale: string | null;
  otherRationale: string | null;
}

export interface MappingComparison {
  /** Pairs in both sets. */
  agreement: PairComparison[];
  /** Pairs in `other` only. */
  additions: PairComparison[];
  /** Pairs in `base` only. */
  removals: PairComparison[];
  /** |agreement| / |agreement ∪ additions ∪ removals| (Jaccard index); 1 when both sets are empty. */
  agreementRate: number;
}

/**
 * Compares `other` with `base`; each list is in code order, like the rest of
 * the API: by action line (`C2` before `C10`), then SDG goal or target
 * (`9` before `9.1` before `9.a`).
 */
export function compareMappings(base: readonly MappingAssertion[], other: readonly MappingAssertion[]): MappingComparison {
  const key = (a: MappingAssertion) => `${a.actionLine}\u0000${a.sdg}`;
  const baseByKey = new Map(base.map((a) => [key(a), a]));
  const otherByKey = new Map(other.map((a) => [key(a), a]));
  const agreement: PairComparison[] = [];
  const additions: PairComparison[] = [];
  const removals: PairComparison[] = [];
  for (const [k, a] of baseByKey) {
    const o = otherByKey.get(k);
    const pair = { actionLine: a.actionLine, sdg: a.sdg, baseRationale: a.rationale, otherRationale: o?.rationale ?? null };
    (o ? agreement : removals).push(pair);
  }
  for (const [k, o] of otherByKey) {
    if (!baseByKey.has(k)) additions.push({ actionLine: o.actionLine, sdg: o.sdg, baseRationale: null, otherRationale: o.rationale });
  }
  const order = (x: PairComparison, y: PairComparison) => compareIdsByCode(x.actionLine, y.actionLine) || compareIdsByCode(x.sdg, y.sdg);
  const union = agreement.length + additions.length + removals.length;
  return {
    agreement: agreement.sort(order),
    additions: additions.sort(order),
    removals: removals.sort(order),
    agreementRate: union === 0 ? 1 : agreement.length / union,
  };
}

/** Orders two global ids by their codes (`ActionLine:C2` before `ActionLine:C10`), then by the whole id. */
export function compareIdsByCode(a: string, b: string): number {
  return compareCodes(a.slice(a.indexOf(':') + 1), b.slice(b.indexOf(':') + 1)) || (a < b ? -1 : a > b ? 1 : 0);
}
