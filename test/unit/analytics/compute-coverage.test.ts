import { computeCoverage } from '../../../src/analytics/compute-coverage';
import { createFixtureStore, fixtureEdge } from './fixtures';

describe('analytics: coverage', () => {
  it('lists unreached targets, GDC commitments without WSIS counterpart, action lines no GDC part touches, and ranks entities', async () => {
    const coverage = await computeCoverage(createFixtureStore());
    expect({
      unreachedTargets: coverage.unreachedTargets.map((u) => ({ target: u.target.id, goalLevelLinks: u.goalLevelLinks.map((e) => e.id) })),
      gdcCommitmentsWithoutWsis: coverage.gdcCommitmentsWithoutWsis.map((n) => n.id),
      actionLinesWithoutGdc: coverage.actionLinesWithoutGdc.map((n) => n.id),
      entities: coverage.entities.map((r) => ({ entity: r.entity.id, mandates: r.mandates.map((e) => e.id), facilitations: r.facilitations.map((e) => e.id) })),
    }).toEqual({
      // 2.1 has no target-level link; C1's goal-level link to SDG 2 still reaches its goal.
      unreachedTargets: [{ target: 'SdgTarget:2.1', goalLevelLinks: [fixtureEdge('MATRIX_LINK', 'ActionLine:C1', 'SdgGoal:2').id] }],
      gdcCommitmentsWithoutWsis: ['GdcCommitment:11'],
      actionLinesWithoutGdc: ['ActionLine:C7', 'ActionLine:C7.e-health'],
      entities: [
        {
          entity: 'Entity:B',
          mandates: [fixtureEdge('MANDATES', 'Resolution:R2', 'Entity:B').id],
          facilitations: [fixtureEdge('FACILITATES', 'Entity:B', 'ActionLine:C1').id, fixtureEdge('FACILITATES', 'Entity:B', 'ActionLine:C7').id],
        },
        {
          entity: 'Entity:A',
          mandates: [fixtureEdge('MANDATES', 'Paragraph:R1#5', 'Entity:A').id],
          facilitations: [fixtureEdge('FACILITATES', 'Entity:A', 'ActionLine:C1').id],
        },
      ],
    });
  });
});
