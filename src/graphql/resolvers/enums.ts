/**
 * GraphQL enum values mapped to the values stored in the data, so resolvers
 * and stores speak the data's vocabulary (`'zh'`, `'lead_facilitator'`) and
 * the API speaks GraphQL's (`ZH`, `LEAD_FACILITATOR`).
 */
import { CHANGE_OPERATIONS } from '../../curation/change-planner';
import { FACILITATOR_ROLES, LEADERSHIP_ROLES, PARTNERSHIP_ROLES } from '../../domain/edge-types';
import { CONFIDENCES } from '../../domain/graph-records';
import { LANGS } from '../../domain/lang';
import { NODE_VOCABULARY } from '../../domain/node-vocabulary';
import type { PropSpec } from '../../domain/prop-spec';

const enumValues = (spec: PropSpec | undefined): readonly string[] => (spec?.kind === 'enum' ? spec.values : []);

const upperToLower = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value.toUpperCase(), value]));

// The enums of stored values come from the vocabulary; `test/unit/domain/vocabulary.test.ts`
// checks that the SDL declares exactly these values.
export const enums = {
  Lang: upperToLower(LANGS),
  Confidence: upperToLower(CONFIDENCES),
  Direction: upperToLower(['out', 'in', 'both']),
  FacilitatorRole: upperToLower(FACILITATOR_ROLES),
  LeadershipRole: upperToLower(LEADERSHIP_ROLES),
  PartnershipRole: upperToLower(PARTNERSHIP_ROLES),
  ActionLineKind: upperToLower(enumValues(NODE_VOCABULARY.ActionLine.props.kind)),
  TargetKind: upperToLower(enumValues(NODE_VOCABULARY.SdgTarget.props.kind)),
  MatrixLevel: upperToLower(['target', 'goal']),
  GdcStatus: upperToLower(enumValues(NODE_VOCABULARY.GdcCommitment.props.status)),
  StudyStatus: upperToLower(enumValues(NODE_VOCABULARY.MappingStudy.props.status)),
  // CREATE_NODE → createNode: the names of ChangeInput's fields, which `ChangeOutcome.op` gives as text.
  ChangeOperation: Object.fromEntries(CHANGE_OPERATIONS.map((op) => [op.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase(), op])),
};
