import { ReachIndex } from '../../../src/analytics/reach-index';
import { edge } from './fixtures';

describe('analytics: an entity reaches SDG targets through the roles it holds', () => {
  const index = new ReachIndex([
    edge('MATRIX_LINK', 'ActionLine:C1', 'SdgTarget:1.1'),
    edge('MATRIX_LINK', 'ActionLine:C4', 'SdgTarget:4.4'),
    edge('FACILITATES', 'Entity:A', 'ActionLine:C1', { props: { role: 'lead_facilitator', since: '2005' } }),
    edge('FACILITATES', 'Entity:A', 'ActionLine:C4', { props: { role: 'co_facilitator', since: '2010', until: '2014' } }),
    edge('FACILITATES', 'Entity:B', 'ActionLine:C4', { props: { role: 'former_lead' } }),
  ]);
  const targets = (id: string) => [...index.reachOf(id, { goalLinks: 'EVERY_TARGET', rollUp: true }).targets.keys()];

  it('counts a role held today, dated or not', () => {
    expect(targets('Entity:A')).toContain('SdgTarget:1.1');
  });

  it('does not count a role that ended (with `until`) or a former lead', () => {
    expect(targets('Entity:A')).not.toContain('SdgTarget:4.4');
    expect(targets('Entity:B')).toEqual([]);
  });
});
