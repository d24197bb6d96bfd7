import { allOf } from './enums';

type Colour = 'red' | 'green' | 'blue';

describe('allOf', () => {
  it('gives back the list in its order', () => {
    expect(allOf<Colour>()(['green', 'red', 'blue'])).toEqual(['green', 'red', 'blue']);
  });

  it('is refused by tsc when a value is missing or foreign (checked at build: these lines must not compile)', () => {
    // @ts-expect-error 'blue' is missing
    const short = allOf<Colour>()(['green', 'red']);
    // @ts-expect-error 'pink' is not a Colour
    const foreign = allOf<Colour>()(['green', 'red', 'blue', 'pink']);
    expect([short.length, foreign.length]).toEqual([2, 4]);
  });
});
