import type { GraphNode } from '../../domain/graph-records';
import { ActionLine } from './action-line';
import { analyticsQuery, analyticsResolution, analyticsTypes } from './analytics';
import { Entity } from './entity';
import { enums } from './enums';
import { JSONScalar } from './json-scalar';
import { DateTimeScalar } from './date-time-scalar';
import { PartialDateScalar } from './partial-date-scalar';
import { provenanceFields } from './evidence';
import { GdcCommitment, GdcObjective, GdcPrinciple } from './gdc';
import { Initiative } from './initiative';
import { linkingQuery, linkingTypes } from './linking';
import { linkingImportQuery, linkingImportTypes, linkingMutations } from './linking-mutation';
import { Activity, Facilitation, Link, Mandate, MatrixLink } from './link';
import { NodeLink } from './link-connections';
import { AuditChange, auditQueries, AuditEntry, RecordKind } from './audit';
import { MappingPair, MappingStudy, mappingStudyQueries, StudyAssertion } from './mapping-study';
import { Meeting } from './meeting';
import { DatasetChangeType, datasetHistoryFields } from './dataset-changes';
import { DeleteResult, Mutation } from './mutation';
import { payloadMutations } from './mutation-payloads';
import { Paragraph } from './paragraph';
import { Process } from './process';
import { Query } from './query';
import { Resolution } from './resolution';
import { SdgGoal } from './sdg-goal';
import { SdgIndicator } from './sdg-indicator';
import { SdgTarget } from './sdg-target';
import { Theme } from './theme';

/** Every resolver of the schema, by GraphQL type. */
export const resolvers = {
  ...enums,
  JSON: JSONScalar,
  DateTime: DateTimeScalar,
  PartialDate: PartialDateScalar,
  Query: { ...Query, ...analyticsQuery, ...mappingStudyQueries, ...auditQueries, ...linkingQuery, ...linkingImportQuery },
  Mutation: { ...Mutation, ...linkingMutations, ...payloadMutations },
  DeleteResult,
  MappingStudy,
  StudyAssertion,
  MappingPair,
  AuditEntry,
  AuditChange,
  RecordKind,
  ...analyticsTypes,
  Dataset: datasetHistoryFields,
  // The typed twin of `date` (a seed release's build time).
  Release: { dateTime: (release: { date: string }) => release.date },
  DatasetChange: DatasetChangeType,
  ...linkingTypes,
  DocumentImport: linkingImportTypes.DocumentImport,
  LinkProposal: linkingImportTypes.LinkProposal,
  Node: { __resolveType: (node: GraphNode) => node.type },
  // Links are handed to resolvers as views holding their edge; a bare provenance record is a node's.
  Evidence: { __resolveType: (value: object) => ('edge' in value ? 'Link' : 'Provenance') },
  Provenance: provenanceFields,
  Link,
  NodeLink,
  Facilitation,
  Activity,
  MatrixLink,
  Mandate,
  ActionLine,
  Theme,
  Entity,
  Process,
  Meeting,
  SdgGoal,
  SdgTarget,
  SdgIndicator,
  Resolution: { ...Resolution, ...analyticsResolution },
  Paragraph: { ...Paragraph, ...linkingImportTypes.ParagraphImport },
  Initiative,
  GdcObjective,
  GdcPrinciple,
  GdcCommitment,
};
