import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { graphEdgeSchema, graphNodeSchema, type GraphEdge, type GraphNode } from '../domain/graph-records';
import { deepFreeze } from '../domain/deep-freeze';
import { quickParseEdge, quickParseNode } from './quick-parse-records';
import { RecordPool } from './record-pool';
import { mergeNameVariants, nameVariantsRecordSchema, type NameVariantsRecord } from './merge-name-variants';

/**
 * Reads the curated dataset from `seeds/`:
 *   seeds/manifest.json      { version (semver), builtAt, ... }
 *   seeds/nodes/*.json       arrays of GraphNode records, one file per node type (or several: every file is read,
 *                            so a large graph can stay below V8's longest string in each)
 *   seeds/edges/*.json       arrays of GraphEdge records, one file per relationship family (or several)
 *   seeds/names/*.json       name variants with their sources, merged into the nodes'
 *                            `props.nameVariants` (see `mergeNameVariants`)
 * Validates every record's shape (not yet the references between them: see
 * `checkSeeds`) and names the file and index of the first bad record. Valid
 * node and link records take a path without zod (`quickParseNode`), with the
 * same output, mostly the parsed objects themselves, and the strings and
 * source lists they repeat kept once (`RecordPool`). The records returned are
 * deep-frozen.
 */
export interface SeedSet {
  manifest: SeedManifest;
  /** `"<semver>+<first 12 hex of sha256 over every seed file>"`. */
  version: string;
  nodeFiles: SeedFile<GraphNode>[];
  edgeFiles: SeedFile<GraphEdge>[];
  /** The name-variant files, already merged into `nodeFiles`. */
  nameFiles: SeedFile<NameVariantsRecord>[];
  /** Node ids that a name-variant record names but no node file holds (`seeds:check` reports them). */
  unknownVariantNodes: string[];
}

export interface SeedFile<T> {
  /** Path relative to the seeds folder, e.g. `nodes/sdg-target.json`. */
  file: string;
  records: T[];
}

export const seedManifestSchema = z
  .object({
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a semver such as 1.0.0'),
    builtAt: z.iso.datetime(),
  })
  .passthrough();
export type SeedManifest = z.infer<typeof seedManifestSchema>;

export class SeedFormatError extends Error {}

/** Where loading spends its time, in ms (the bench's cold-start phases); filled in when passed. */
export interface SeedLoadTimes {
  readMs: number;
  hashMs: number;
  parseMs: number;
  validateMs: number;
}

export function loadSeeds(seedsDir: string = findSeedsDir(), times?: SeedLoadTimes): SeedSet {
  const hash = createHash('sha256');
  const clock = times ? () => performance.now() : () => 0;
  const readJson = (relative: string): unknown => {
    let at = clock();
    const bytes = readFileSync(path.join(seedsDir, relative));
    if (times) times.readMs += clock() - at;
    at = clock();
    // The file's bytes, not its text: the same digest for UTF-8 (as the text was hashed before), without
    // encoding 270 MB of text back to UTF-8 at ×1000.
    hash.update(relative).update('\0').update(bytes).update('\0');
    if (times) times.hashMs += clock() - at;
    at = clock();
    const text = bytes.toString('utf8');
    if (times) times.readMs += clock() - at;
    at = clock();
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new SeedFormatError(`seeds/${relative} is not valid JSON: ${(error as Error).message}`);
    } finally {
      if (times) times.parseMs += clock() - at;
    }
  };
  const validate = <T>(parse: () => T): T => {
    const at = clock();
    try {
      return parse();
    } finally {
      if (times) times.validateMs += clock() - at;
    }
  };

  const manifest = parseWith(seedManifestSchema, readJson('manifest.json'), 'manifest.json');
  // Nodes first: the links' ends are then the nodes' own id strings.
  const pool = new RecordPool();
  const rawNodeFiles = jsonFilesIn(seedsDir, 'nodes').map((file) => {
    const value = readJson(file);
    return { file, records: validate(() => parseRecords(graphNodeSchema, value, file, (record) => quickParseNode(record, pool))) };
  });
  const edgeFiles = jsonFilesIn(seedsDir, 'edges').map((file) => {
    const value = readJson(file);
    return { file, records: validate(() => parseRecords(graphEdgeSchema, value, file, (record) => quickParseEdge(record, pool))) };
  });
  const nameFiles = jsonFilesIn(seedsDir, 'names').map((file) => {
    const value = readJson(file);
    return { file, records: validate(() => parseRecords(nameVariantsRecordSchema, value, file)) };
  });
  const variants = nameFiles.flatMap((file) => file.records);
  const unknown = new Set(variants.map((record) => record.node));
  const nodeFiles = rawNodeFiles.map(({ file, records }) => {
    const merged = mergeNameVariants(records, variants);
    for (const node of merged.nodes) unknown.delete(node.id);
    return { file, records: merged.nodes };
  });
  // Read-only from here: the embedded store keeps frozen records without copying them.
  for (const file of [...nodeFiles, ...edgeFiles]) for (const record of file.records) deepFreeze(record);
  const version = `${manifest.version}+${hash.digest('hex').slice(0, 12)}`;
  return { manifest, version, nodeFiles, edgeFiles, nameFiles, unknownVariantNodes: [...unknown].sort() };
}

/** The `seeds/` folder of this project, found upwards from this module (works from `src/` and `dist/src/`). */
export function findSeedsDir(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, 'seeds', 'manifest.json');
    if (existsSync(candidate)) return path.dirname(candidate);
    const parent = path.dirname(dir);
    if (parent === dir) throw new SeedFormatError(`no seeds/manifest.json above ${start}`);
    dir = parent;
  }
}

// Sorted so that the content hash and load order do not depend on the file system.
function jsonFilesIn(seedsDir: string, sub: string): string[] {
  const dir = path.join(seedsDir, sub);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => `${sub}/${name}`);
}

// `quick` answers for the records it accepts as the schema would (see quick-parse-records.ts); the schema
// parses the others, so a bad record's message is the schema's.
function parseRecords<S extends z.ZodType>(schema: S, value: unknown, file: string, quick?: (record: unknown) => z.infer<S> | undefined): z.infer<S>[] {
  if (!Array.isArray(value)) throw new SeedFormatError(`seeds/${file} must hold a JSON array of records`);
  return value.map((record, index) => quick?.(record) ?? parseWith(schema, record, `${file}[${index}]`));
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const at = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new SeedFormatError(`seeds/${where}${at}: ${issue?.message ?? 'invalid record'}`);
}
