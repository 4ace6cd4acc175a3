import { createTestApp, postGraphQL } from './test-app';

describe('graphql: Link.role', () => {
  it('answers the facilitation role of FACILITATES links and null for other links with a role word of their own (LED_BY chair)', async () => {
    const { app } = createTestApp();
    const { body } = await postGraphQL(app, '{ node(id: "Entity:ITU") { links { id type role } } }');
    expect(body.errors).toBeUndefined();
    const links = (body.data as { node: { links: { id: string; type: string; role: string | null }[] } }).node.links;
    expect(links.find((link) => link.id === 'LED_BY|Process:UNGIS|Entity:ITU|co_chair')).toEqual({
      id: 'LED_BY|Process:UNGIS|Entity:ITU|co_chair',
      type: 'LED_BY',
      role: null,
    });
    expect(links.find((link) => link.id.startsWith('FACILITATES|Entity:ITU|ActionLine:C2'))?.role).toBe('LEAD_FACILITATOR');
  });
});
