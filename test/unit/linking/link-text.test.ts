import { linkText } from '../../../src/linking/link-text';
import { NameDictionary } from '../../../src/linking/name-dictionary';
import { testNode } from '../../support/graph-records';

const dictionary = new NameDictionary([
  testNode('Entity', 'ITU', { en: 'International Telecommunication Union', props: { nameVariants: ['国际电联'] } }),
  testNode('Entity', 'ITU_COUNCIL', { en: 'ITU Council', props: { nameVariants: ['国际电联理事会'] } }),
  testNode('Entity', 'WHO', { en: 'World Health Organization' }),
  testNode('Entity', 'UNGA', { en: 'United Nations General Assembly', props: { nameZhVariants: ['大会'] } }),
  testNode('Resolution', 'WSIS-GENEVA-POA', { en: 'Plan of Action', props: { nameZhVariants: ['《行动计划》'] } }),
  testNode('Resolution', 'A/RES/70/125'),
  testNode('ActionLine', 'C4', { en: 'Capacity building', props: { nameZhItu: '能力建设' } }),
  testNode('SdgTarget', '9.c'),
]);

const found = (text: string) =>
  linkText(text, dictionary).paragraphs.flatMap((p) => p.mentions.map((m) => [m.nodeId, m.surface, m.method]));

describe('linking: mentions in a paragraph', () => {
  it('takes the longest name at each place, so the Council is not ITU', () => {
    expect(found('请国际电联理事会将本报告记录在案。')).toEqual([['Entity:ITU_COUNCIL', '国际电联理事会', 'variant']]);
  });

  it('reads acronyms in capitals only, and not as part of another designation', () => {
    expect(found('WHO and ITU-R; the people who came')).toEqual([['Entity:WHO', 'WHO', 'code']]);
  });

  it('takes a short name for what it names only where it stands as a word, a quoted title only in quotes', () => {
    expect(found('第78届大会。缔约方大会。《行动计划》与十年行动计划')).toEqual([
      ['Entity:UNGA', '大会', 'variant'],
      ['Resolution:WSIS-GENEVA-POA', '行动计划', 'variant'],
    ]);
  });

  it('finds an action line by its name only where the paragraph speaks of action lines', () => {
    expect(found('加强能力建设工作。')).toEqual([]);
    expect(found('C4行动方面：能力建设')).toEqual([
      ['ActionLine:C4', 'C4', 'code'],
      ['ActionLine:C4', '能力建设', 'context'],
    ]);
  });

  it('reads SDG targets and resolution symbols, and lists what the graph does not hold', () => {
    const result = linkText('1. SDG 9.c 与第70/125号决议和A/RES/71/999号决议；理事会战略和财务规划工作组（CWG-SFP）。', dictionary);
    expect(result.paragraphs[0]!.mentions.map((m) => [m.nodeId, m.method])).toEqual([
      ['SdgTarget:9.c', 'code'],
      ['Resolution:A/RES/70/125', 'symbol'],
    ]);
    expect(result.unresolved.map((u) => [u.surface, u.kind, u.paragraphs])).toEqual([
      ['A/RES/71/999', 'symbol', ['1']],
      ['CWG-SFP', 'acronym', ['1']],
    ]);
  });
});

describe('linking: proposed links', () => {
  const links = (text: string) =>
    linkText(text, dictionary).paragraphs.flatMap((p) => p.proposedLinks.map((l) => [l.type, l.nodeId, l.evidence?.verb ?? null]));

  it('asks or mandates the body a verb governs, its conjuncts too, and names the rest', () => {
    expect(links('请国际电联和WHO提交报告，国际电联理事会审议。')).toEqual([
      ['ASKS', 'Entity:ITU', '请'],
      ['ASKS', 'Entity:WHO', '请'],
      ['NAMES', 'Entity:ITU_COUNCIL', null],
    ]);
    expect(links('责成国际电联秘书处开展一项研究。')).toEqual([['MANDATES', 'Entity:ITU', '责成']]);
  });

  it('does not read a passive verb as a request of what follows', () => {
    expect(links('国际电联尚未被邀请出席WHO的会议。')).toEqual([
      ['NAMES', 'Entity:ITU', null],
      ['NAMES', 'Entity:WHO', null],
    ]);
  });
});
