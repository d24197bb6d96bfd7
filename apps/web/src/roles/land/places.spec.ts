import { foldText, offer, type Place, placeWithin, territoryOf } from './places';

const place = (code: string, name: string, level: Place['level']): Place => ({
  code,
  name,
  level,
  parentCode: null,
  map: 'pre2024',
  validFrom: '1999-08-10',
  validTo: null,
});

describe('the place picker', () => {
  const places = [
    place('ML-SEG', 'Ségou', 'region'),
    place('ML-SEG-SEG-SEG', 'Ségou', 'commune'),
    place('ML-SEG-SAN-SAN', 'San', 'commune'),
    place('ML-SEG-SAN-SAN-W01', 'Ségoubougou', 'village'),
    place('ML-SEG-SAN-SANX', 'Sanx', 'commune'),
    place('ML-KAY-DIE-SAN', 'Sansankidé', 'commune'),
  ];

  it('matches without accents or case', () => {
    expect(foldText('Ségou')).toBe('segou');
    expect(foldText("N'Goa")).toBe('n goa');
    expect(offer(places, 'ML-SEG-SEG-SEG', 'SEGOU').map((p) => p.code)).toEqual(['ML-SEG-SEG-SEG']);
  });

  it('offers only the places of the CoFo territory, villages first', () => {
    expect(offer(places, 'ML-SEG-SAN-SAN', 'segou').map((p) => p.code)).toEqual(['ML-SEG-SAN-SAN-W01']);
    expect(offer(places, 'ML-SEG-SAN-SAN', 'san').map((p) => p.code)).toEqual(['ML-SEG-SAN-SAN']);
    expect(offer(places, 'ML-SEG-SAN-SAN', '').map((p) => p.code)).toEqual([
      'ML-SEG-SAN-SAN-W01',
      'ML-SEG-SAN-SAN',
    ]);
    expect(placeWithin('ML-SEG-SAN-SANX', 'ML-SEG-SAN-SAN')).toBe(false);
  });

  it('takes the commune of a village CoFo as its territory, as the land service does', () => {
    const seat = {
      ancestors: [place('ML-SEG-SAN-SAN', 'San', 'commune'), place('ML-SEG-SAN', 'San', 'cercle')],
    };
    expect(territoryOf({ code: 'V1', level: 'village', placeCode: 'ML-SEG-SAN-SAN-W01' }, seat)).toBe(
      'ML-SEG-SAN-SAN',
    );
    expect(territoryOf({ code: 'SAN01', level: 'commune', placeCode: 'ML-SEG-SAN-SAN' })).toBe(
      'ML-SEG-SAN-SAN',
    );
  });
});
