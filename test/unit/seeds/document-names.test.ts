import { readCoreItems, measureCoverage } from '../../../src/seeds/coverage/document-coverage';
import { readCurated } from '../../../src/seeds/import/import-curated';
import { findSeedsDir, loadSeeds } from '../../../src/seeds/load-seeds';
import { createEmbeddedGraphStore } from '../../../src/store/embedded/create-embedded-graph-store';
import { resolveNodeIds } from '../../../src/store/resolve-node-ids';
import path from 'node:path';

const seedsDir = findSeedsDir();
const items = readCoreItems(seedsDir);
const store = createEmbeddedGraphStore();
const DOCUMENTS = ['seed 000_45cdf86751558aa3.txt', 'seed 001_b5b3951e88cb5a4f.txt', 'seed 002_1ec08987ad33214d.txt', 'seed 003_7698b4d387caed3b.txt'];

describe('names the domain documents use resolve to their nodes', () => {
  it.each(DOCUMENTS)('every identifiable core item of %s resolves to its node', async (document) => {
    const mine = items.filter((i) => i.document === document && i.id !== null);
    expect(mine.length).toBeGreaterThan(10);
    const found = await resolveNodeIds(store, mine.map((i) => i.id!));
    const unresolved = mine.filter((_, k) => found[k] === null).map((i) => `${i.name} → ${i.id}`);
    expect(unresolved).toEqual([]);
  });

  it.each([
    ['人工智能咨询机构（AIAB）', 'Entity:AIAB'],
    ['联合国人工智能跨机构工作组（IAWG-AI）', 'Entity:IAWG_AI'],
    ['第四次小岛屿发展中国家（SIDS）问题国际会议', 'Meeting:SIDS4'],
    ['理事会战略和财务规划工作组（CWG-SFP）', 'Entity:CWG_SFP'],
    ['电信标准化局（TSB）', 'Entity:ITU_TSB'],
    ['第二阶段：突尼斯阶段', 'Meeting:WSIS-2005-Tunis'],
    ['WSIS-SDGs查对表', 'Initiative:wsis_sdg_matrix'],
  ])('lists "%s" as %s', (name, id) => {
    expect(items.find((i) => i.name === name)?.id).toBe(id);
  });

  it('has at least 95 % of the core items as nodes; the rest are the names no source here identifies', () => {
    const nodes = loadSeeds(seedsDir).nodeFiles.flatMap((f) => f.records);
    const known = new Set([...nodes.map((n) => n.id), ...nodes.flatMap((n) => (n.props.aliases as string[] | undefined) ?? [])]);
    const coverage = measureCoverage(items, known);
    expect(coverage.covered / coverage.total).toBeGreaterThanOrEqual(0.95);
    expect(coverage.missing.every((m) => m.id === null)).toBe(true);
  });
});

describe('records added from the documents', () => {
  const curated = readCurated(path.join(seedsDir, 'curated', 'documents.json'));
  const byId = new Map(loadSeeds(seedsDir).nodeFiles.flatMap((f) => f.records).map((n) => [n.id, n]));

  it('cite where they are named, and keep the Chinese name the document writes', () => {
    for (const n of curated.nodes) {
      const node = byId.get(`${n.type}:${n.code}`)!;
      expect(node.provenance.sources.length).toBeGreaterThan(0);
      const fromDocument = n.sources.some((s) => s.document !== undefined && DOCUMENTS.includes(s.document));
      if (fromDocument && n.name.zh) expect(node.name.zh).toBe(n.name.zh);
      // A name the documents give only in Chinese has its English rendering marked as recalled, unless an English source is cited too.
      const englishSource = n.sources.some((s) => s.url !== undefined || (s.document !== undefined && !DOCUMENTS.includes(s.document)));
      if (fromDocument && n.name.zh && !/[A-Za-z]{3}/.test(n.name.zh) && !englishSource) {
        expect((node.provenance.notes ?? []).join(' ')).toMatch(/English name recalled/);
      }
    }
  });

  it('are listed as core items or link to one (nothing added that no document or reference file names)', () => {
    const named = new Set(items.map((i) => i.id));
    const citesReference = (n: (typeof curated.nodes)[number]) => n.sources.some((s) => /A\/RES\/70\/125|reference data/.test(s.document ?? ''));
    expect(curated.nodes.filter((n) => !named.has(`${n.type}:${n.code}`) && !citesReference(n)).map((n) => `${n.type}:${n.code}`)).toEqual([]);
  });
});
