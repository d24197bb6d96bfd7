import { places } from '../shared/places';
import { inTerritory, progressOf, rollUpDistinct, rollUpSums, type PlaceSum } from './rollup';

const all = { female: true, male: true, youth: true };
const sum = (placeCode: string, value: number, female = 0): PlaceSum => ({
  placeCode,
  value,
  female,
  male: value - female,
  youth: 0,
});

describe('roll-ups across the two maps', () => {
  const dir = places();
  // Ségou commune and a village not shipped under it, San cercle, and a record entered under the new map.
  const sums = [
    sum('ML-SEG-SEG-SEG', 589, 402),
    sum('ML-SEG-SEG-SEG-XYZ', 31),
    sum('ML-SEG-SAN', 252, 154),
    sum('ML2-SEG-SEG-SEG', 10, 4),
  ];

  it('rolls up to the cercles of the old map (new-map records through `same` links)', () => {
    const r = rollUpSums(dir, sums, 'cercle', 'pre2024', all);
    expect(r.total).toEqual({ value: 882, female: 560, male: 322, youth: 0 });
    expect(r.rows).toEqual([
      { placeCode: 'ML-SEG-SAN', figure: { value: 252, female: 154, male: 98, youth: 0 } },
      { placeCode: 'ML-SEG-SEG', figure: { value: 630, female: 406, male: 224, youth: 0 } },
    ]);
  });

  it('rolls old-map records up to the régions of the new map through the crosswalk', () => {
    const r = rollUpSums(dir, sums, 'region', 'post2024', all);
    expect(Object.fromEntries(r.rows.map((x) => [x.placeCode, x.figure.value]))).toEqual({
      'ML2-SEG': 630,
      'ML2-SAN': 252,
    });
  });

  it('keeps a place the crosswalk cannot carry in its own row, and the country level whole', () => {
    const r = rollUpSums(dir, [sum('ML-SEG-BLA', 5)], 'region', 'post2024', all);
    expect(r.rows.map((x) => x.placeCode)).toEqual(['ML-NA']);
    expect(rollUpSums(dir, sums, 'country', 'pre2024', all).rows).toEqual([
      { placeCode: 'ML', figure: { value: 882, female: 560, male: 322, youth: 0 } },
    ]);
  });

  it('filters to a territory under either map, and hides breakdowns an indicator cannot give', () => {
    const r = rollUpSums(
      dir,
      sums,
      'cercle',
      'pre2024',
      { female: true, male: false, youth: false },
      'ML2-SEG',
    );
    expect(r.total).toEqual({ value: 630, female: 406, male: null, youth: null });
    expect(inTerritory(dir, 'ML-SEG-SEG-SEG-XYZ', 'ML2-SEG')).toBe(true);
    expect(inTerritory(dir, 'ML-SEG-SAN', 'ML-SEG-SEG')).toBe(false);
  });

  it('counts a distinct key once per unit and once in the total', () => {
    const r = rollUpDistinct(
      dir,
      [
        { placeCode: 'ML-SEG-SEG-SEG', key: 'SEG01' },
        { placeCode: 'ML-SEG-SEG', key: 'SEG01' },
        { placeCode: 'ML-SEG-SAN', key: 'SAN01' },
        { placeCode: 'ML-SEG-SAN', key: 'SEG01' },
      ],
      'cercle',
      'pre2024',
    );
    expect(r.total.value).toBe(2);
    expect(r.rows.map((x) => [x.placeCode, x.figure.value])).toEqual([
      ['ML-SEG-SAN', 2],
      ['ML-SEG-SEG', 1],
    ]);
  });

  it('gives progress in percent with one decimal, none without a target', () => {
    expect(progressOf(872, 3000)).toBe(29.1);
    expect(progressOf(872, null)).toBeNull();
    expect(progressOf(872, 0)).toBeNull();
  });
});
