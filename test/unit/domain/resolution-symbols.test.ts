import { findResolutionSymbols } from '../../../src/domain/resolution-symbols';

const read = (text: string) => findResolutionSymbols(text).map((m) => ({ surface: m.surface, first: m.candidates[0], explicit: m.explicit }));

describe('domain: resolution symbols in every printed form', () => {
  it('reads UN symbols, Chinese numbered citations and English ones to dataset codes', () => {
    expect(read('联大第A/RES/70/125、A/RES/70/1号决议；联合国经社理事会第E/RES/2023/3号决议')).toEqual([
      { surface: 'A/RES/70/125', first: 'A/RES/70/125', explicit: true },
      { surface: 'A/RES/70/1', first: 'A/RES/70/1', explicit: true },
      { surface: 'E/RES/2023/3', first: 'E/RES/2023/3', explicit: true },
    ]);
    expect(read('联合国大会通过了第70/125号决议。经社理事会第2006/46号决议')).toEqual([
      { surface: '第70/125号决议', first: 'A/RES/70/125', explicit: false },
      { surface: '经社理事会第2006/46号决议', first: 'E/RES/2006/46', explicit: true },
    ]);
    expect(read('亚太经社会第72/10号决议')).toEqual([{ surface: '亚太经社会第72/10号决议', first: 'ESCAP-RES-72/10', explicit: true }]);
    expect(read('General Assembly resolution 70/125 and ECOSOC resolution 2006/46')).toEqual([
      { surface: 'General Assembly resolution 70/125', first: 'A/RES/70/125', explicit: true },
      { surface: 'ECOSOC resolution 2006/46', first: 'E/RES/2006/46', explicit: true },
    ]);
  });

  it('reads ITU citations by body, by venue, or as candidates of every body', () => {
    expect(read('第140号决议（2022年，布加勒斯特，修订版）')).toEqual([
      { surface: '第140号决议（2022年，布加勒斯特，修订版）', first: 'ITU-PP-RES-140', explicit: true },
    ]);
    expect(read('理事会第1332号决议（2023年修订版）、WTDC第30号决议、ITU-R第61-2号决议')).toEqual([
      { surface: '理事会第1332号决议（2023年修订版）', first: 'ITU-COUNCIL-RES-1332', explicit: true },
      { surface: 'WTDC第30号决议', first: 'ITU-WTDC-RES-30', explicit: true },
      { surface: 'ITU-R第61-2号决议', first: 'ITU-R-RES-61', explicit: true },
    ]);
    expect(findResolutionSymbols('第75号决议')[0]?.candidates).toEqual([
      'ITU-PP-RES-75',
      'ITU-WTDC-RES-75',
      'ITU-WTSA-RES-75',
      'ITU-R-RES-75',
      'ITU-COUNCIL-RES-75',
    ]);
    expect(read('Resolution 140 (Rev. Bucharest, 2022)')).toEqual([
      { surface: 'Resolution 140 (Rev. Bucharest, 2022)', first: 'ITU-PP-RES-140', explicit: true },
    ]);
  });

  it('gives offsets into the original text', () => {
    const text = '根据第70/125号决议，';
    const [mention] = findResolutionSymbols(text);
    expect(text.slice(mention!.start, mention!.end)).toBe('第70/125号决议');
  });
});

describe('domain: a citation of several resolutions of one body', () => {
  it('gives one mention per number, each with the body', () => {
    expect(read('国际电联理事会第1332和1334号决议')).toEqual([
      { surface: '国际电联理事会第1332', first: 'ITU-COUNCIL-RES-1332', explicit: true },
      { surface: '1334', first: 'ITU-COUNCIL-RES-1334', explicit: true },
    ]);
  });
});
