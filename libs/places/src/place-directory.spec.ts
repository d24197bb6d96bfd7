import {
  PlaceDirectory,
  PlacesValidationError,
  mapInForce,
  shippedPlaceDirectory,
  type Place,
} from '@prosmed/places';

const d = shippedPlaceDirectory();
const codes = (places: readonly Place[]) => places.map((p) => p.code);

function place(
  code: string,
  name: string,
  level: Place['level'],
  parentCode: string | null,
  extra: Partial<Place> = {},
): Place {
  const map = code.startsWith('ML2-') ? 'post2024' : 'pre2024';
  return {
    code,
    name,
    level,
    parentCode,
    map,
    validFrom: map === 'pre2024' ? '1999-08-10' : '2024-09-24',
    validTo: map === 'pre2024' ? '2024-09-23' : null,
    ...extra,
  };
}

describe('PlaceDirectory lookups', () => {
  it('gets, checks existence and lists children by name', () => {
    expect(d.get('ML-SEG-SAN')?.name).toBe('San');
    expect(d.get('ML-XXX')).toBeUndefined();
    expect(d.exists('ML2-SAN')).toBe(true);
    expect(d.exists('ml2-san')).toBe(false);
    expect(codes(d.children('ML-SEG-NIO'))).toContain('ML-SEG-NIO-KAL');
    expect(d.children('ML-SEG-SAN-SAN')).toEqual([]);
    expect(d.children('nope')).toEqual([]);
  });

  it('gives ancestors nearest first, up to the région', () => {
    expect(codes(d.ancestors('ML-SEG-SAN-SAN'))).toEqual(['ML-SEG-SAN', 'ML-SEG']);
    expect(codes(d.ancestors('ML2-BAN-DIA-KOU'))).toEqual(['ML2-BAN-DIA', 'ML2-BAN']);
    expect(d.ancestors('ML-SEG')).toEqual([]);
    expect(d.ancestors('unknown')).toEqual([]);
  });

  it('hands out frozen places: callers cannot corrupt the indexes', () => {
    const segou = d.get('ML-SEG') as Place;
    expect(Object.isFrozen(segou)).toBe(true);
    expect(Object.isFrozen(d.children('ML-SEG'))).toBe(true);
  });

  it('lists places by level and map', () => {
    expect(d.list({ level: 'region', map: 'post2024' })).toHaveLength(20);
    expect(d.list({ map: 'pre2024', level: 'cercle' })).toHaveLength(50);
  });
});

describe('PlaceDirectory.search', () => {
  it('ignores accents and case', () => {
    expect(codes(d.search('Segou', { level: 'region', map: 'pre2024' }))).toEqual(['ML-SEG']);
    expect(codes(d.search('SÉGOU', { level: 'cercle' }))).toEqual(['ML-SEG-SEG', 'ML2-SEG-SEG']);
    expect(d.search('dioila', { level: 'region' })[0].name).toBe('Dioïla');
    expect(d.search('groumera')[0].name).toBe('Grouméra');
  });

  it('ignores hyphens, spaces and apostrophes', () => {
    expect(d.search('Kala-Siguida')[0].code).toBe('ML-SEG-NIO-KAL');
    expect(d.search('kalasiguida')[0].code).toBe('ML-SEG-NIO-KAL');
    expect(d.search('ngoa')[0].code).toBe('ML-SEG-SAN-NGO');
    expect(d.search("N'Goa")[0].code).toBe('ML-SEG-SAN-NGO');
    expect(d.search('n goa')[0].code).toBe('ML-SEG-SAN-NGO');
    expect(d.search('gourma rharous')[0].code).toBe('ML-TOM-GO2');
  });

  it('accepts the common spelling variants dj/di and doubled letters', () => {
    expect(codes(d.search('Dienne', { map: 'pre2024' }))).toEqual(['ML-MOP-DJE', 'ML-MOP-DJE-DJE']);
    expect(codes(d.search('djene', { map: 'pre2024', level: 'cercle' }))).toEqual(['ML-MOP-DJE']);
    expect(codes(d.search('Djénné', { level: 'cercle', map: 'pre2024' }))).toEqual(['ML-MOP-DJE']);
  });

  it('ranks exact names first, then prefixes, then words, then substrings', () => {
    const names = d.search('san', { map: 'pre2024' }).map((p) => `${p.level}:${p.name}`);
    expect(names.slice(0, 2)).toEqual(['cercle:San', 'commune:San']);
    const koro = d.search('koro', { map: 'pre2024' }).map((p) => p.name);
    expect(koro.slice(0, 2)).toEqual(['Koro', 'Koro']);
    expect(koro.indexOf('Korodougou')).toBeLessThan(koro.indexOf('Koulikoro'));
    expect(koro.indexOf('Korombana')).toBeLessThan(koro.indexOf('Koulikoro'));
    expect(d.search('sahel')[0].name).toBe('Nioro du Sahel');
  });

  it('filters by level and map and honours the limit', () => {
    expect(d.search('a', { limit: 3 })).toHaveLength(3);
    expect(d.search('ségou', { map: 'post2024' }).every((p) => p.map === 'post2024')).toBe(true);
    expect(d.search('ségou', { level: 'commune' }).every((p) => p.level === 'commune')).toBe(true);
    expect(d.search('   ')).toEqual([]);
    expect(d.search('zzzz')).toEqual([]);
  });
});

describe('PlaceDirectory.rollUp', () => {
  it('rolls up through ancestors on the unit’s own map', () => {
    expect(d.rollUp('ML-SEG-SAN-SAN', 'cercle', { map: 'pre2024' })?.code).toBe('ML-SEG-SAN');
    expect(d.rollUp('ML-SEG-SAN-SAN', 'region', { map: 'pre2024' })?.code).toBe('ML-SEG');
    expect(d.rollUp('ML-SEG-SAN-SAN', 'commune', { map: 'pre2024' })?.code).toBe('ML-SEG-SAN-SAN');
    expect(d.rollUp('ML2-DOU-BOR-DAN', 'region', { map: 'post2024' })?.code).toBe('ML2-DOU');
  });

  it('rolls an old unit up on the new map through the crosswalk (San: a cercle of Ségou, now a région)', () => {
    // The commune of San carried on: every level answers.
    expect(d.rollUp('ML-SEG-SAN-SAN', 'commune', { map: 'post2024' })?.code).toBe('ML2-SAN-SAN-SAN');
    expect(d.rollUp('ML-SEG-SAN-SAN', 'cercle', { map: 'post2024' })?.code).toBe('ML2-SAN-SAN');
    expect(d.rollUp('ML-SEG-SAN-SAN', 'region', { map: 'post2024' })?.code).toBe('ML2-SAN');
    // A commune without its own link goes through its old cercle: the région is known, not the new cercle.
    expect(d.rollUp('ML-SEG-SAN-KAN', 'region', { map: 'post2024' })?.code).toBe('ML2-SAN');
    expect(d.rollUp('ML-SEG-SAN-KAN', 'cercle', { map: 'post2024' })).toBeUndefined();
    expect(d.rollUp('ML-SEG-SAN', 'region', { map: 'post2024' })?.name).toBe('San');
  });

  it('follows a commune that changed cercle and région', () => {
    // Koulogon Habbé: cercle of Bankass (Mopti) until 2024, then cercle of Diallassagou (Bandiagara).
    expect(d.rollUp('ML-MOP-BA2-KOU', 'cercle', { map: 'pre2024' })?.name).toBe('Bankass');
    expect(d.rollUp('ML-MOP-BA2-KOU', 'cercle', { map: 'post2024' })?.name).toBe('Diallassagou');
    expect(d.rollUp('ML-MOP-BA2-KOU', 'region', { map: 'post2024' })?.name).toBe('Bandiagara');
    // Diéma: cercle of Kayes until 2024, now in the région of Nioro du Sahel.
    expect(d.rollUp('ML-KAY-DIE-GRO', 'region', { map: 'pre2024' })?.name).toBe('Kayes');
    expect(d.rollUp('ML-KAY-DIE-GRO', 'region', { map: 'post2024' })?.name).toBe('Nioro du Sahel');
  });

  it('says nothing where the crosswalk does not know (Bla, old régions)', () => {
    expect(d.rollUp('ML-SEG-BLA-KOR', 'region', { map: 'post2024' })).toBeUndefined();
    expect(d.rollUp('ML-SEG', 'region', { map: 'post2024' })).toBeUndefined();
  });

  it('rolls a new unit up on the old map only through `same` links', () => {
    expect(d.rollUp('ML2-SAN-SAN-SAN', 'cercle', { map: 'pre2024' })?.code).toBe('ML-SEG-SAN');
    expect(d.rollUp('ML2-BAN-DIA-KOU', 'region', { map: 'pre2024' })?.code).toBe('ML-MOP');
    // The new région of San spans several old cercles: no single old unit contains it.
    expect(d.rollUp('ML2-SAN', 'region', { map: 'pre2024' })).toBeUndefined();
    expect(d.rollUp('ML2-SAN-SAN', 'cercle', { map: 'pre2024' })).toBeUndefined();
  });

  it('never rolls down, and knows no unknown code', () => {
    expect(d.rollUp('ML-SEG-SAN', 'commune', { map: 'pre2024' })).toBeUndefined();
    expect(d.rollUp('ML-NOPE', 'region', { map: 'pre2024' })).toBeUndefined();
  });

  it('defaults to the map in force at `at`, and follows only links in force then', () => {
    expect(d.rollUp('ML-SEG-SAN-SAN', 'region', { at: '2023-12-31' })?.code).toBe('ML-SEG');
    expect(d.rollUp('ML-SEG-SAN-SAN', 'region', { at: '2024-09-24' })?.code).toBe('ML2-SAN');
    expect(d.rollUp('ML-SEG-SAN-SAN', 'region', { map: 'post2024', at: '2024-01-01' })).toBeUndefined();
    expect(d.rollUp('ML-SEG-SAN-SAN', 'region')?.code).toBe('ML2-SAN');
    expect(mapInForce('2024-09-23')).toBe('pre2024');
    expect(mapInForce(new Date('2024-09-24T00:00:00Z'))).toBe('post2024');
  });
});

describe('PlaceDirectory validity', () => {
  it('is valid within both ends, inclusive', () => {
    expect(d.isValid('ML-SEG-SAN', '1999-08-10')).toBe(true);
    expect(d.isValid('ML-SEG-SAN', '2024-09-23')).toBe(true);
    expect(d.isValid('ML-SEG-SAN', '2024-09-24')).toBe(false);
    expect(d.isValid('ML-SEG-SAN', '1999-08-09')).toBe(false);
    expect(d.isValid('ML2-SAN', '2024-09-23')).toBe(false);
    expect(d.isValid('ML2-SAN', '2024-09-24')).toBe(true);
    expect(d.isValid('ML2-SAN', new Date('2031-01-01T12:00:00Z'))).toBe(true);
    expect(d.isValid('ML-NOPE', '2020-01-01')).toBe(false);
  });

  it('refuses malformed dates instead of guessing', () => {
    expect(() => d.isValid('ML2-SAN', '24/09/2024')).toThrow(RangeError);
    expect(() => d.isValid('ML2-SAN', '2024-02-30')).toThrow(RangeError);
  });
});

describe('PlaceDirectory construction and imports', () => {
  const villages = [
    place('ML-SEG-SAN-SAN-KAN', 'Kankoro', 'village', 'ML-SEG-SAN-SAN'),
    place('ML-SEG-SAN-SAN-TI2', 'Tiékouna', 'village', 'ML-SEG-SAN-SAN'),
  ];

  it('adds places into a new directory and leaves the old one alone', () => {
    const next = d.withImported(villages);
    expect(next).not.toBe(d);
    expect(next.get('ML-SEG-SAN-SAN-KAN')?.name).toBe('Kankoro');
    expect(d.exists('ML-SEG-SAN-SAN-KAN')).toBe(false);
    expect(next.rollUp('ML-SEG-SAN-SAN-KAN', 'region', { map: 'post2024' })?.code).toBe('ML2-SAN');
    expect(next.rollUp('ML-SEG-SAN-SAN-KAN', 'commune', { map: 'post2024' })?.code).toBe('ML2-SAN-SAN-SAN');
    expect(next.search('kankoro')).toHaveLength(1);
  });

  it('imports nothing when one place is wrong, and reports it by position', () => {
    const bad = [...villages, place('ML-SEG-SAN-XXX-KAN', 'Orphan', 'village', 'ML-SEG-SAN-XXX')];
    let error: unknown;
    try {
      d.withImported(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlacesValidationError);
    expect((error as PlacesValidationError).issues).toEqual([
      expect.objectContaining({ line: 3, field: 'parent_code', code: 'PLACE_PARENT_MISSING' }),
    ]);
    expect(d.exists('ML-SEG-SAN-SAN-KAN')).toBe(false);
  });

  it('accepts re-importing identical places, refuses a different place under an existing code', () => {
    const once = d.withImported(villages);
    expect(once.withImported(villages).all()).toHaveLength(once.all().length);
    expect(() => once.withImported([{ ...villages[0], name: 'Autre nom' }])).toThrow(PlacesValidationError);
  });

  it('refuses inconsistent places or links at construction', () => {
    const region = place('ML-SEG', 'Ségou', 'region', null);
    expect(() => new PlaceDirectory([region, place('ML-SEG-SAN', 'San', 'commune', 'ML-SEG')])).toThrow(
      PlacesValidationError,
    );
    expect(
      () =>
        new PlaceDirectory([region], [{ fromCode: 'ML-SEG', toCode: 'ML2-SEG', validFrom: '2024-09-24' }]),
    ).toThrow(/Target unit ML2-SEG does not exist/);
  });

  it('adds crosswalk links into a new directory once they check out', () => {
    const bla = [
      place('ML2-SEG-BLA', 'Bla', 'cercle', 'ML2-SEG'),
      place('ML2-SEG-BLA-KOR', 'Korodougou', 'commune', 'ML2-SEG-BLA'),
    ];
    const next = d
      .withImported(bla)
      .withCrosswalk([
        { fromCode: 'ML-SEG-BLA-KOR', toCode: 'ML2-SEG-BLA-KOR', validFrom: '2024-09-24', relation: 'same' },
      ]);
    expect(next.rollUp('ML-SEG-BLA-KOR', 'cercle', { map: 'post2024' })?.code).toBe('ML2-SEG-BLA');
    expect(next.rollUp('ML2-SEG-BLA-KOR', 'cercle', { map: 'pre2024' })?.code).toBe('ML-SEG-BLA');
    expect(() =>
      d.withCrosswalk([{ fromCode: 'ML-SEG-SAN', toCode: 'ML2-SAN-SAN-SAN', validFrom: '2024-09-24' }]),
    ).toThrow(PlacesValidationError);
  });
});
