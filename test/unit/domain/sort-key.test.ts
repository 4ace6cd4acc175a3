import { compareCodes } from '../../../src/domain/sort-key';

describe('domain: official codes sort as people read them', () => {
  it('orders action lines numerically, sub-lines after their parent', () => {
    expect(['C10', 'C7.e-health', 'C2', 'C7', 'C11', 'C1'].sort(compareCodes)).toEqual(['C1', 'C2', 'C7', 'C7.e-health', 'C10', 'C11']);
  });

  it('orders SDG targets numbered before lettered, as the UN lists them', () => {
    expect(['9.c', '9.10', '9.a', '9.2', '10.1', '9.1'].sort(compareCodes)).toEqual(['9.1', '9.2', '9.10', '9.a', '9.c', '10.1']);
  });

  it('orders goals 1 to 17 numerically', () => {
    expect(['17', '2', '10', '1'].sort(compareCodes)).toEqual(['1', '2', '10', '17']);
  });
});
