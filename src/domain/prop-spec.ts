import type { PropValue } from './graph-records';
import { isPartialDate, PARTIAL_DATE_FORM } from './partial-date';

/**
 * What a property of a node or link type may hold. The vocabulary
 * (`node-vocabulary.ts`, `edge-types.ts`) gives one of these per property the
 * API reads or the seeds rely on; the record schemas, `seeds:check`, every
 * curation write and the GraphQL enums are all checked against them, so a
 * value the read API cannot serve (a `kind` outside its enum, a `year` that
 * is not an integer) is refused when it is written, not masked when it is
 * read.
 *
 * Properties a type does not declare stay allowed (the seeds keep many
 * source-specific facts no field reads); declared ones must fit their spec.
 */
export type PropSpec =
  | { kind: 'string'; required?: boolean; doc?: string }
  | { kind: 'int'; required?: boolean; doc?: string }
  | { kind: 'boolean'; required?: boolean; doc?: string }
  | { kind: 'strings'; required?: boolean; doc?: string }
  /** A string holding a date as precise as its source (`partial-date.ts`); the SDL's `PartialDate`. */
  | { kind: 'partialDate'; required?: boolean; doc?: string }
  | {
      kind: 'enum';
      /** The stored values (lower snake case); the GraphQL enum has them upper-cased. */
      values: readonly string[];
      /** The SDL enum that serves this property, checked value for value by a test. */
      graphql?: string;
      required?: boolean;
      doc?: string;
    };

export type PropSpecs = Readonly<Record<string, PropSpec>>;

/** Builders that keep the vocabulary one line a property. */
export const prop = {
  string: (options: { required?: boolean; doc?: string } = {}): PropSpec => ({ kind: 'string', ...options }),
  int: (options: { required?: boolean; doc?: string } = {}): PropSpec => ({ kind: 'int', ...options }),
  boolean: (options: { required?: boolean; doc?: string } = {}): PropSpec => ({ kind: 'boolean', ...options }),
  strings: (options: { required?: boolean; doc?: string } = {}): PropSpec => ({ kind: 'strings', ...options }),
  partialDate: (options: { required?: boolean; doc?: string } = {}): PropSpec => ({ kind: 'partialDate', ...options }),
  enum: (values: readonly string[], options: { graphql?: string; required?: boolean; doc?: string } = {}): PropSpec => ({
    kind: 'enum',
    values,
    ...options,
  }),
};

/** One property that does not fit its spec: the key, the value found and what was expected. */
export interface PropIssue {
  key: string;
  value: PropValue | undefined;
  expected: string;
}

/** The properties of `props` that do not fit `specs` (absent required ones included), in spec order. */
export function checkProps(specs: PropSpecs, props: Readonly<Record<string, PropValue>>): PropIssue[] {
  const issues: PropIssue[] = [];
  // for…in, not Object.entries: the seeds' load checks every record's props (544k at ×1000).
  for (const key in specs) {
    const spec = specs[key]!;
    const value = props[key];
    if (value === undefined) {
      if (spec.required) issues.push({ key, value, expected: `a required ${describeSpec(spec)}` });
      continue;
    }
    if (!fits(spec, value)) issues.push({ key, value, expected: describeSpec(spec) });
  }
  return issues;
}

/** What a spec expects, in words: `one of lead_facilitator, co_facilitator`. */
export function describeSpec(spec: PropSpec): string {
  switch (spec.kind) {
    case 'string':
      return 'string';
    case 'int':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'strings':
      return 'list of strings';
    case 'partialDate':
      return PARTIAL_DATE_FORM;
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
  }
}

function fits(spec: PropSpec, value: PropValue): boolean {
  switch (spec.kind) {
    case 'string':
      return typeof value === 'string';
    case 'int':
      // GraphQL Int is a signed 32-bit integer; anything wider fails serialisation.
      return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 2 ** 31 - 1;
    case 'boolean':
      return typeof value === 'boolean';
    case 'strings':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'partialDate':
      return isPartialDate(value);
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value);
  }
}
