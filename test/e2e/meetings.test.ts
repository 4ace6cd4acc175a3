import { createTestApp, postGraphQL } from './test-app';

const { app } = createTestApp();

describe('meetings and dated roles: facts as fields', () => {
  it('answers IGF 2023 Kyoto and CSTD 26th session as Meeting nodes linked to their process and body', async () => {
    const { body } = await postGraphQL(
      app,
      `{ kyoto: meeting(code: "IGF-2023-Kyoto") { number date place process { code } body { code } }
         cstd: meeting(code: "CSTD-26") { number process { code } body { code } }
         igf: process(code: "IGF") { meetings { code number } }
         csw: entity(code: "CSW") { sessions { code number date endDate place } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      kyoto: { number: 18, date: '2023-10', place: 'Kyoto', process: { code: 'IGF' }, body: null },
      cstd: { number: 26, process: null, body: { code: 'CSTD' } },
      igf: { meetings: [{ code: 'IGF-2023-Kyoto', number: 18 }, { code: 'IGF-2024-Riyadh', number: 19 }] },
      csw: {
        sessions: [
          { code: 'CSW67', number: 67, date: null, endDate: null, place: null },
          { code: 'CSW68', number: 68, date: '2024-03-11', endDate: '2024-03-24', place: 'New York' },
        ],
      },
    });
  });

  it('lists the Summit phases with the texts adopted at each, Chinese names as the documents write them', async () => {
    const { body } = await postGraphQL(
      app,
      `{ process(code: "WSIS") { name(lang: ZH) meetings { code name(lang: ZH) date endDate place adopted { code } } } }`,
    );
    const wsis = (body.data as { process: { name: string; meetings: { code: string; adopted: { code: string }[] }[] } }).process;
    expect(wsis.name).toBe('信息社会世界峰会（WSIS）');
    expect(wsis.meetings).toEqual([
      { code: 'WSIS-2003-Geneva', name: '第一阶段：日内瓦阶段', date: '2003-12-10', endDate: '2003-12-12', place: 'Geneva', adopted: [{ code: 'WSIS-GENEVA-DOP' }, { code: 'WSIS-GENEVA-POA' }] },
      { code: 'WSIS-2005-Tunis', name: '第二阶段：突尼斯阶段', date: '2005-11-16', endDate: '2005-11-18', place: 'Tunis', adopted: [{ code: 'WSIS-TUNIS-AGENDA' }, { code: 'WSIS-TUNIS-COMMITMENT' }] },
    ]);
  });

  it('links each meeting to its process with a sourced MEETING_OF link', async () => {
    const { body } = await postGraphQL(app, '{ process(code: "IGF") { links(types: [MEETING_OF], direction: IN) { from { id } source { document } } } }');
    expect((body.data as { process: { links: unknown[] } }).process.links).toEqual([
      { from: { id: 'Meeting:IGF-2023-Kyoto' }, source: { document: 'wsis-graph reference data wsis/entities.json (IGF facts)' } },
      { from: { id: 'Meeting:IGF-2024-Riyadh' }, source: { document: 'wsis-graph reference data wsis/entities.json (IGF facts)' } },
    ]);
  });

  it('dates facilitation and leadership roles where sources give them, and keeps the ITU C4 conflict flagged', async () => {
    const { body } = await postGraphQL(
      app,
      `{ c6: actionLine(code: "C6") { facilitators { entity { code } role since until } }
         c4: actionLine(code: "C4") { facilitators { entity { code } role since until flags sources { url } } }
         c3: actionLine(code: "C3") { facilitators { entity { code } role since roleWordsInSources } }
         ungis: process(code: "UNGIS") { links(types: [LED_BY]) { node { id } leadRole since until } }
         aiab: entity(code: "AIAB") { links(types: [LED_BY, PARTNER], direction: OUT) { type node { id } leadRole role } } }`,
    );
    expect(body.errors).toBeUndefined();
    const data = body.data as Record<string, { facilitators?: Record<string, unknown>[]; links?: Record<string, unknown>[] }>;
    expect(data.c6!.facilitators).toEqual(
      expect.arrayContaining([
        { entity: { code: 'ITU' }, role: 'LEAD_FACILITATOR', since: '2008-05', until: null },
        { entity: { code: 'UNDP' }, role: 'FORMER_LEAD', since: null, until: '2008-05' },
      ]),
    );
    const c4 = data.c4!.facilitators!.filter((f) => (f.entity as { code: string }).code === 'ITU');
    expect(c4.map((f) => [f.role, f.since, f.until])).toEqual(
      expect.arrayContaining([
        ['LEAD_FACILITATOR', null, null],
        ['CO_FACILITATOR', '2010', '2014'],
      ]),
    );
    for (const f of c4) expect(f.flags).toContain('facilitator_role_conflict');
    const unesco = data.c3!.facilitators!.find((f) => (f.entity as { code: string }).code === 'UNESCO');
    expect(unesco).toMatchObject({ since: '2006-05', roleWordsInSources: expect.arrayContaining(['facilitator']) });
    expect(data.ungis!.links).toEqual(
      expect.arrayContaining([{ node: { id: 'Entity:ITU' }, leadRole: 'co_chair', since: '2023', until: '2024' }]),
    );
    // The Tech Envoy's office hosts the AI Advisory Body's secretariat (seed 004 para 83).
    expect(data.aiab!.links).toContainEqual({ type: 'LED_BY', node: { id: 'Entity:OSET' }, leadRole: 'secretariat', role: null });
  });

  it('answers the indexed paragraphs of A/RES/70/125 with section, label, the part read, and whom they ask', async () => {
    const { body } = await postGraphQL(
      app,
      `{ p27: paragraph(code: "A/RES/70/125#27") { document { code } section label partial mandates { kind assignee { id } } }
         p12: paragraph(code: "A/RES/70/125#12") { partial }
         p33: paragraph(code: "A/RES/70/125#33") { askedGroups mandates { kind assignee { id } sources { paragraph url } } }
         tunis: resolution(symbol: "WSIS-TUNIS-AGENDA") { adoptedAt { code place } }
         wsis10: resolution(symbol: "A/RES/70/125") { paragraphs { code } } }`,
    );
    expect(body.errors).toBeUndefined();
    const data = body.data as Record<string, Record<string, unknown>>;
    expect(data.p27).toEqual({
      document: { code: 'A/RES/70/125' },
      section: '1.1 Bridging digital divides',
      label: 'Gender digital divide; mainstream gender in WSIS and action lines',
      partial: null,
      mandates: [{ kind: 'ASKS', assignee: { id: 'Entity:UN-WOMEN' } }],
    });
    expect(data.p12).toEqual({ partial: 'start only' });
    expect(data.p33!.askedGroups).toEqual(['all action line facilitators']);
    expect(data.p33!.mandates).toEqual([
      expect.objectContaining({ kind: 'MANDATES', assignee: { id: 'Entity:CSTD' }, sources: expect.arrayContaining([expect.objectContaining({ paragraph: '33' })]) }),
    ]);
    expect(data.tunis).toEqual({ adoptedAt: { code: 'WSIS-2005-Tunis', place: 'Tunis' } });
    expect((data.wsis10!.paragraphs as unknown[]).length).toBe(38);
  });
});
