import { toEdgeId } from '../../domain/graph-records';
import type { SeedBuilder } from './seed-builder';

const SEED_004_PARA_83 = { document: 'seed 004_b40f39dda7347d2d.txt', paragraph: '83' };

/**
 * Records the reference data gets wrong, corrected after every importer ran,
 * each with the source that shows the error (issue #15). Every correction
 * names the record it changes, so a change in the reference data that makes
 * one obsolete stops the import instead of passing silently.
 */
export function applyCorrections(b: SeedBuilder): void {
  // 1. The Tech Envoy's office hosts the AI Advisory Body's secretariat, not the body itself
  //    (seed 004 para 83; activity A004-83-3 lists both as its actors).
  b.removeEdge(toEdgeId('REPORTS_ACTIVITY', 'Entity:AIAB', 'ActionLine:C11', 'A004-83-3'));
  const partner = b.removeEdge(toEdgeId('PARTNER', 'Entity:AIAB', 'Entity:OSET'));
  b.addEdge('edges/initiatives.json', 'LED_BY', 'Entity:AIAB', 'Entity:OSET', { role: 'secretariat' }, {
    sources: [SEED_004_PARA_83, ...partner.provenance.sources.filter((s) => s.paragraph !== SEED_004_PARA_83.paragraph)],
    confidence: 'source',
    notes: [
      'correction (issue #15): the reference data had the Advisory Body reporting "hosts the secretariat" itself and OSET as a partner; seed 004 para 83 says OSET hosts its secretariat',
    ],
  });

  // 2. FAO "leads" two initiatives only because the SG's 2024 report lists them among FAO's
  //    e-agriculture activities (seed 004 paras 68, 69); no source says who leads them. FAO's
  //    REPORTS_ACTIVITY links (A004-68-2, A004-69-2) keep what the source does say.
  for (const initiative of ['digital_villages_initiative', 'digital_agriculture_innovation_hubs']) {
    b.removeEdge(toEdgeId('LED_BY', `Initiative:${initiative}`, 'Entity:FAO'));
    const node = b.getNode(`Initiative:${initiative}`)!;
    node.provenance.notes = [
      ...(node.provenance.notes ?? []),
      'correction (issue #15): no LED_BY: the source (seed 004 paras 68-69) reports it among FAO activities without saying who leads it',
    ];
  }

  // 3. The WSIS+10 Statement (June 2014) cannot follow up a Council resolution dated 2023: it
  //    follows up Council Res. 1334 as modified in 2013, which resolved that the 2014 HLE be held.
  const wrong = b.removeEdge(toEdgeId('FOLLOWS_UP', 'Resolution:WSIS10-STATEMENT', 'Resolution:ITU-COUNCIL-RES-1334'));
  const res1334 = b.getNode('Resolution:ITU-COUNCIL-RES-1334')!;
  const older = b.addNode(
    'nodes/resolution.json',
    'Resolution',
    'ITU-COUNCIL-RES-1334-2013',
    { en: 'Council Resolution 1334 (Mod. 2013)' },
    { body: 'ITU_COUNCIL', instrument: 'itu_council_resolution', year: 2013, date: '2013', shortLabel: 'the 2013 text of Council Res. 1334', laterVersion: 'ITU-COUNCIL-RES-1334' },
    {
      sources: wrong.provenance.sources,
      confidence: 'source',
      notes: ['added (issue #15) so that the WSIS+10 Statement follows up the text that existed in 2014; title as the source gives it'],
    },
  );
  b.addEdge('edges/resolution-relations.json', 'FOLLOWS_UP', 'Resolution:WSIS10-STATEMENT', older, { relation: 'follows_up' }, {
    ...wrong.provenance,
    notes: [
      ...(wrong.provenance.notes ?? []),
      'correction (issue #15): the reference data pointed at Council Res. 1334 (Mod. 2023), a text nine years younger than the Statement',
    ],
  });
  b.addEdge('edges/resolution-relations.json', 'REVISES', res1334.id, older, { relation: 'modifies' }, {
    sources: [...res1334.provenance.sources.slice(0, 2), ...wrong.provenance.sources],
    confidence: 'source',
    notes: ['"Mod. 2023" in the resolution\'s own title: the 2023 text modifies the earlier one'],
  });
}
