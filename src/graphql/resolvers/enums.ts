/**
 * GraphQL enum values mapped to the values stored in the data, so resolvers
 * and stores speak the data's vocabulary (`'zh'`, `'lead_facilitator'`) and
 * the API speaks GraphQL's (`ZH`, `LEAD_FACILITATOR`).
 */
const upperToLower = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value.toUpperCase(), value]));

export const enums = {
  Lang: upperToLower(['ar', 'zh', 'en', 'fr', 'ru', 'es']),
  Confidence: upperToLower(['source', 'recalled', 'derived']),
  Direction: upperToLower(['out', 'in', 'both']),
  FacilitatorRole: upperToLower(['lead_facilitator', 'co_facilitator', 'facilitator', 'contributor', 'former_lead']),
  ActionLineKind: upperToLower(['action_line', 'sub_line']),
  TargetKind: upperToLower(['outcome', 'means_of_implementation']),
  MatrixLevel: upperToLower(['target', 'goal']),
  GdcStatus: upperToLower(['adopted', 'draft']),
};
