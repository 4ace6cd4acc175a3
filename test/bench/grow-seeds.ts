import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toEdgeId, type GraphEdge, type GraphNode, type Provenance } from '../../src/domain/graph-records';
import { parseGlobalId, toGlobalId, type NodeType } from '../../src/domain/node-types';
import type { SeedSet } from '../../src/seeds/load-seeds';

/**
 * Synthetic data for the benchmark's scale runs: the real seeds grown `factor`
 * times in the parts of the graph that grow in the world (initiatives and
 * documents, with their links), keeping the graph's shape.
 *
 * Each initiative, resolution and paragraph gets `factor - 1` copies; copy
 * `i` of a record carries copies of every link the record starts, its other
 * end mapped to copy `i` too when that end is copied (a paragraph stays part
 * of its own document's copy), or kept when it is a reference node (action
 * lines, SDG targets, entities …), so degree distributions stay those of the
 * real data. Links that a fixed node starts towards a copied one (a GDC
 * commitment being part of A/RES/79/1) are not copied: a fixed text does not
 * gain parts. The closed frameworks (17 goals, 169 targets, 19 action lines,
 * the GDC's objectives) and the UN entities are not multiplied, because in
 * the world they do not grow.
 *
 * Copies are clearly synthetic: codes start with `synthetic_<i>_` (initiatives)
 * or `SYNTHETIC-<i>/` (documents), names end with `(synthetic <i>)`, and the
 * provenance says it is a copy for the benchmark, not a fact. Every copy
 * passes the record schemas and `checkSeeds`. The real seeds are never
 * written to.
 */
export function growSeeds(seeds: SeedSet, factor: number): SeedSet {
  if (!Number.isInteger(factor) || factor < 1) throw new RangeError(`factor must be an integer of at least 1, got ${factor}`);
  if (factor === 1) return seeds;
  const templates = seeds.nodeFiles.flatMap((file) => file.records).filter((node) => GROWN_TYPES.has(node.type));
  const templateIds = new Set(templates.map((node) => node.id));
  const edgeTemplates = seeds.edgeFiles.flatMap((file) => file.records).filter((edge) => templateIds.has(edge.from));

  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (let copy = 1; copy < factor; copy++) {
    const mapId = (id: string) => (templateIds.has(id) ? copyId(id, copy) : id);
    for (const node of templates) nodes.push(copyNode(node, copy));
    for (const edge of edgeTemplates) {
      const from = mapId(edge.from);
      const to = mapId(edge.to);
      const discriminator = edge.id.slice(toEdgeId(edge.type, edge.from, edge.to).length + 1);
      edges.push({
        ...edge,
        id: toEdgeId(edge.type, from, to, discriminator || undefined),
        from,
        to,
        provenance: syntheticProvenance(edge.id, copy),
      });
    }
  }
  return {
    ...seeds,
    manifest: { ...seeds.manifest, synthetic: { factor, note: 'benchmark data: real seeds plus synthetic copies; not facts' } },
    version: `${seeds.version}.synthetic-x${factor}`,
    nodeFiles: [...seeds.nodeFiles, { file: `nodes/synthetic-x${factor}.json`, records: nodes }],
    edgeFiles: [...seeds.edgeFiles, { file: `edges/synthetic-x${factor}.json`, records: edges }],
  };
}

/** The node types whose records `growSeeds` multiplies. */
export const GROWN_TYPES: ReadonlySet<NodeType> = new Set<NodeType>(['Initiative', 'Resolution', 'Paragraph']);

/** Records per synthetic file: each file's JSON stays far below V8's longest string (about 537 M characters). */
export const RECORDS_PER_FILE = 100_000;

/**
 * Writes a grown seed set as a seeds folder (`dir/manifest.json`, `dir/nodes`,
 * `dir/edges`) for `SEEDS_DIR`: the real files are copied as they are, the
 * synthetic ones added beside them, split into files of `RECORDS_PER_FILE`
 * records (`loadSeeds` reads every file of a kind's folder).
 */
export function writeSeedsDir(seeds: SeedSet, realSeedsDir: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(realSeedsDir, 'nodes'), path.join(dir, 'nodes'), { recursive: true });
  cpSync(path.join(realSeedsDir, 'edges'), path.join(dir, 'edges'), { recursive: true });
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(seeds.manifest, null, 2)}\n`);
  const real = new Set([...realFiles(seeds)]);
  for (const file of [...seeds.nodeFiles, ...seeds.edgeFiles]) {
    if (real.has(file.file)) continue;
    for (let part = 0; part * RECORDS_PER_FILE < file.records.length; part++) {
      const name = part === 0 ? file.file : file.file.replace(/\.json$/, `-part${String(part).padStart(3, '0')}.json`);
      writeFileSync(path.join(dir, name), JSON.stringify(file.records.slice(part * RECORDS_PER_FILE, (part + 1) * RECORDS_PER_FILE)));
    }
  }
}

// The files the real seeds folder already holds (those growSeeds did not add).
function* realFiles(seeds: SeedSet): Iterable<string> {
  for (const file of [...seeds.nodeFiles, ...seeds.edgeFiles]) if (!file.file.includes('/synthetic-x')) yield file.file;
}

function copyId(id: string, copy: number): string {
  const parsed = parseGlobalId(id);
  if (!parsed) throw new Error(`"${id}" is not a global id`);
  return toGlobalId(parsed.type, copyCode(parsed.type, parsed.code, copy));
}

// Initiative codes are lower-case identifiers; document codes are symbols, and a
// paragraph's code is its document's code, '#', its number: a prefix keeps both rules.
function copyCode(type: NodeType, code: string, copy: number): string {
  const n = String(copy).padStart(4, '0');
  return type === 'Initiative' ? `synthetic_${n}_${code}` : `SYNTHETIC-${n}/${code}`;
}

function copyNode(node: GraphNode, copy: number): GraphNode {
  const code = copyCode(node.type, node.code, copy);
  const props = { ...node.props };
  // Keep the properties that tie a record to another record's code pointing at the copies.
  if (node.type === 'Paragraph' && typeof props.document === 'string') props.document = copyCode('Resolution', props.document, copy);
  if (node.type === 'Resolution' && typeof props.symbol === 'string') props.symbol = code;
  return {
    id: toGlobalId(node.type, code),
    type: node.type,
    code,
    name: Object.fromEntries(Object.entries(node.name).map(([lang, text]) => [lang, `${text} (synthetic ${copy})`])) as GraphNode['name'],
    props,
    provenance: syntheticProvenance(node.id, copy),
  };
}

function syntheticProvenance(templateId: string, copy: number): Provenance {
  return {
    sources: [{ document: 'wsis-graph benchmark: synthetic data' }],
    confidence: 'derived',
    method: `synthetic copy ${copy} of "${templateId}" for the scale benchmark; not a fact`,
  };
}
