/**
 * Maintainer script: rebuilds `seeds/` from the reference data in
 * `shared/data/` (see its SOURCES.md). Not run at service start or in CI; it
 * documents how the seeds were made and gives the same output for the same
 * input (records sorted by id; `builtAt` kept while the content is unchanged).
 *
 *   npx tsx src/cli/import-reference-data.ts [path/to/shared/data]
 *
 * The default data path is `../shared/data` relative to the repository root.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { importActionLines, importMatrix } from '../seeds/import/import-action-lines';
import { importEntities } from '../seeds/import/import-entities';
import { importActivities, importInitiatives } from '../seeds/import/import-initiatives';
import { importResolutions } from '../seeds/import/import-resolutions';
import { importSdg } from '../seeds/import/import-sdg';
import { importSdgKos } from '../seeds/import/import-sdg-kos';
import { importGdc } from '../seeds/import/import-gdc';
import { importWsis20 } from '../seeds/import/import-wsis20';
import { deriveGdcWsisLinks } from '../seeds/import/derive-gdc-wsis';
import { applyCorrections } from '../seeds/import/apply-corrections';
import { importCurated, readCurated } from '../seeds/import/import-curated';
import { importFacilitatorEvidence } from '../seeds/import/import-facilitator-evidence';
import { importWsis10Outcome } from '../seeds/import/import-wsis10-outcome';
import { readReferenceData } from '../seeds/import/reference-data';
import { SeedBuilder } from '../seeds/import/seed-builder';
import { MANIFEST_BASE } from '../seeds/import/manifest-base';
import { loadSeeds } from '../seeds/load-seeds';
import { writeRelease } from '../seeds/releases/release-history';
import { releaseOf } from '../seeds/releases/release-of';

// 1.0.0: the seeds before issue #15 (baseline release). 1.1.0: KOS URIs, merged doubles, corrections, the documents' missing names, meetings, A/RES/70/125 paragraphs.
const DATASET_VERSION = '1.1.0';

function main(): void {
  const repoRoot = path.resolve(__dirname, '..', '..');
  const dataDir = path.resolve(process.argv[2] ?? path.join(repoRoot, '..', 'shared', 'data'));
  const seedsDir = path.join(repoRoot, 'seeds');
  if (!existsSync(path.join(dataDir, 'SOURCES.md'))) {
    throw new Error(`"${dataDir}" does not look like the reference data folder (no SOURCES.md)`);
  }

  const data = readReferenceData(dataDir);
  const b = new SeedBuilder();
  // order matters only for merging: every node exists before edges are checked by seeds:check
  importSdg(data, b);
  importSdgKos(data.kos, b);
  importActionLines(data, b);
  importMatrix(data, b);
  importEntities(data, b);
  importResolutions(data, b);
  importInitiatives(data, b);
  const activities = importActivities(data, b);
  importGdc(data, b);
  importWsis20(data, b);
  applyCorrections(b);
  importCurated(readCurated(path.join(seedsDir, 'curated', 'documents.json')), b);
  importFacilitatorEvidence(data.facilitatorEvidence, b);
  importWsis10Outcome(data.wsis10, b);
  deriveGdcWsisLinks(b);

  const { nodes, edges } = b.files();
  const outputs = new Map<string, string>();
  for (const [file, records] of [...nodes, ...edges]) outputs.set(file, `${JSON.stringify(records, null, 2)}\n`);
  const contentHash = createHash('sha256');
  for (const file of [...outputs.keys()].sort()) contentHash.update(file).update('\0').update(outputs.get(file) ?? '').update('\0');
  const contentSha256 = contentHash.digest('hex');

  const manifestPath = path.join(seedsDir, 'manifest.json');
  const previous = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>) : {};
  const builtAt =
    previous.contentSha256 === contentSha256 && typeof previous.builtAt === 'string' ? previous.builtAt : new Date().toISOString();

  for (const sub of ['nodes', 'edges']) {
    const dir = path.join(seedsDir, sub);
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir)) if (name.endsWith('.json')) rmSync(path.join(dir, name));
  }
  for (const [file, text] of outputs) writeFileSync(path.join(seedsDir, file), text);
  copyLicences(dataDir, seedsDir);

  const counts = {
    nodes: Object.fromEntries([...nodes].map(([file, list]) => [file, list.length])),
    edges: Object.fromEntries([...edges].map(([file, list]) => [file, list.length])),
  };
  const manifest = {
    version: DATASET_VERSION,
    builtAt,
    contentSha256,
    ...MANIFEST_BASE,
    importer: 'src/cli/import-reference-data.ts',
    counts,
  };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  // The release history gets (or updates, while it is the newest) this version's snapshot.
  const { release, snapshot } = releaseOf(loadSeeds(seedsDir));
  writeRelease(seedsDir, release, snapshot);
  const total = (m: Map<string, unknown[]>) => [...m.values()].reduce((n, l) => n + l.length, 0);
  console.log(`seeds written to ${seedsDir}: ${total(nodes)} nodes, ${total(edges)} edges (content ${contentSha256.slice(0, 12)})`);
  console.log(`activity links not recorded (no action line, or the actor is a Process): ${activities.skipped}`);
}

/** The MIT licences of the repositories whose files the SDG titles come from, kept beside the seeds. */
function copyLicences(dataDir: string, seedsDir: string): void {
  const dir = path.join(seedsDir, 'licences');
  mkdirSync(dir, { recursive: true });
  for (const repo of ['open-sdg_translations-un-sdg', 'open-sdg_sdg-translations', 'do-me_SDG']) {
    copyFileSync(path.join(dataDir, 'sdg', repo, 'LICENSE'), path.join(dir, `${repo}.LICENSE`));
  }
}

main();
