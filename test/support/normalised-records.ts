/**
 * What a normalised client cache (Apollo's InMemoryCache, Relay's store, urql's Graphcache) does
 * with an answer: every object with an `id` becomes one record, keyed by its id, and fields seen
 * for the same record in different places are merged into it. Two places that give the same id
 * different types or different values for one field are exactly what such a cache cannot hold.
 */
export interface RecordConflict {
  id: string;
  field: string;
  /** The two values seen, with the answer paths they were seen at. */
  seen: [{ path: string; value: unknown }, { path: string; value: unknown }];
}

export interface NormalisedRecords {
  /** How many objects with an id the answer held, and how many distinct records they are. */
  objects: number;
  records: Map<string, { typename: string; paths: string[]; fields: Map<string, { path: string; value: unknown }> }>;
  conflicts: RecordConflict[];
}

/**
 * Walks `data` and merges every object that has an `id` into a record keyed by the id alone (the
 * Relay rule: ids are global). A nested object with an id is compared by reference (its id), its
 * own fields at its own record; lists are compared element-wise the same way.
 */
export function normaliseRecords(data: unknown): NormalisedRecords {
  const result: NormalisedRecords = { objects: 0, records: new Map(), conflicts: [] };
  visit(data, '', result);
  return result;
}

function visit(value: unknown, path: string, out: NormalisedRecords): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => visit(item, `${path}[${i}]`, out));
    return;
  }
  if (!isObject(value)) return;
  const id = value.id;
  if (typeof id === 'string') {
    out.objects++;
    let record = out.records.get(id);
    if (!record) {
      record = { typename: String(value.__typename ?? ''), paths: [], fields: new Map() };
      out.records.set(id, record);
    }
    record.paths.push(path);
    for (const [field, fieldValue] of Object.entries(value)) {
      const shown = reference(fieldValue);
      const earlier = record.fields.get(field);
      if (!earlier) record.fields.set(field, { path, value: shown });
      else if (JSON.stringify(earlier.value) !== JSON.stringify(shown)) {
        out.conflicts.push({ id, field, seen: [earlier, { path, value: shown }] });
      }
    }
  }
  for (const [field, fieldValue] of Object.entries(value)) visit(fieldValue, `${path}.${field}`, out);
}

// A nested record stands for itself by its id; anything else is compared as it is.
function reference(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reference);
  if (isObject(value)) {
    if (typeof value.id === 'string') return { ref: value.id };
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reference(v)]));
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
