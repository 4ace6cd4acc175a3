import { splitParagraphs } from '../../../src/linking/split-paragraphs';

const labels = (text: string) => splitParagraphs(text).map((p) => [p.number, p.text]);

describe('linking: paragraphs as UN and ITU texts number them', () => {
  it('keeps each label as printed: 1.1, 23., (a), a), i), 一, A.', () => {
    expect(labels('1\t引言\n1.1\t第一段。\n23. Requests the Secretary-General.\n(a) first;\nb)\tsecond;\niv)\tfourth;\n一\t背景和目标\nA. 进程')).toEqual([
      ['1', '引言'],
      ['1.1', '第一段。'],
      ['23', 'Requests the Secretary-General.'],
      ['(a)', 'first;'],
      ['(b)', 'second;'],
      ['(iv)', 'fourth;'],
      ['一', '背景和目标'],
      ['A', '进程'],
    ]);
  });

  it('labels unlabelled lines by position, drops bookmarks, bullets and rules, and keeps footnotes apart', () => {
    expect(labels('[bookmark: x]目的\n•\t未来峰会的影响。\n____\n二\t贡献[footnoteRef:1] [1:  \t年度报告见网址 ]')).toEqual([
      ['¶1', '目的'],
      ['¶2', '未来峰会的影响。'],
      ['二', '贡献'],
      ['fn1', '年度报告见网址'],
    ]);
  });

  it('joins the short fragments a slide breaks a sentence into', () => {
    expect(labels('经社理事会第\n2006/46\n号决议\n\n年度WSIS论坛。')).toEqual([['¶1', '经社理事会第2006/46号决议年度WSIS论坛。']]);
  });
});
