import {
  ALLOWED_PARENT_LEVELS,
  MAP_CODE_PREFIX,
  POST2024_START,
  PRE2024_END,
  REPORT_2023_Q4_CERCLES,
  REPORT_2023_Q4_COMMUNES,
  SHIPPED_CROSSWALK,
  SHIPPED_PLACES,
  compactKey,
  isPlaceCode,
  levelRank,
  shippedPlaceDirectory,
  type Place,
} from '@prosmed/places';

const byCode = new Map(SHIPPED_PLACES.map((p) => [p.code, p]));
const count = (map: Place['map'], level: Place['level']) =>
  SHIPPED_PLACES.filter((p) => p.map === map && p.level === level).length;

describe('shipped places: integrity', () => {
  it('builds a directory without any validation issue', () => {
    expect(() => shippedPlaceDirectory()).not.toThrow();
  });

  it('has unique codes', () => {
    expect(byCode.size).toBe(SHIPPED_PLACES.length);
  });

  it('gives every place a code that matches the pattern of its level and map', () => {
    const bad = SHIPPED_PLACES.filter(
      (p) => !isPlaceCode(p.code, p.level) || !p.code.startsWith(`${MAP_CODE_PREFIX[p.map]}-`),
    ).map((p) => p.code);
    expect(bad).toEqual([]);
  });

  it('gives every place a parent that exists, is on the same map and sits one level above', () => {
    const problems: string[] = [];
    for (const p of SHIPPED_PLACES) {
      if (p.level === 'region') {
        if (p.parentCode !== null) problems.push(`${p.code}: région with a parent`);
        continue;
      }
      const parent = p.parentCode === null ? undefined : byCode.get(p.parentCode);
      if (!parent) problems.push(`${p.code}: parent ${p.parentCode} missing`);
      else {
        if (!ALLOWED_PARENT_LEVELS[p.level].includes(parent.level))
          problems.push(`${p.code}: parent is a ${parent.level}`);
        if (parent.map !== p.map) problems.push(`${p.code}: parent on ${parent.map}`);
        if (!p.code.startsWith(`${parent.code}-`)) problems.push(`${p.code}: not built on ${parent.code}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('derives each code segment from the name (first three letters, a digit when taken)', () => {
    const problems = SHIPPED_PLACES.filter((p) => {
      const segment = p.code.slice(p.code.lastIndexOf('-') + 1);
      // "District de Bamako" is coded after the city, like its cercle-level unit.
      const name = p.name.replace(/^District de /, '');
      const base = (
        compactKey(name)
          .replace(/[^a-z]/g, '')
          .toUpperCase() + 'XXX'
      ).slice(0, 3);
      return !(
        segment === base ||
        new RegExp(`^${base.slice(0, 2)}[2-9]$`).test(segment) ||
        new RegExp(`^${base[0]}\\d\\d$`).test(segment)
      );
    }).map((p) => `${p.code} ${p.name}`);
    expect(problems).toEqual([]);
  });

  it('dates each map: pre2024 ends on 23 Sept 2024, post2024 starts the next day', () => {
    for (const p of SHIPPED_PLACES) {
      if (p.map === 'pre2024') expect(p.validTo).toBe(PRE2024_END);
      else expect([p.validFrom, p.validTo]).toEqual([POST2024_START, null]);
    }
  });

  it('keeps the demo codes', () => {
    const d = shippedPlaceDirectory();
    expect(d.get('ML-SEG')).toMatchObject({ name: 'Ségou', level: 'region' });
    expect(d.get('ML-SEG-SEG')).toMatchObject({ name: 'Ségou', level: 'cercle' });
    expect(d.get('ML-SEG-SEG-SEG')).toMatchObject({ name: 'Ségou', level: 'commune' });
    expect(d.get('ML-SEG-SAN')).toMatchObject({ name: 'San', level: 'cercle' });
    expect(d.get('ML-SEG-SAN-SAN')).toMatchObject({ name: 'San', level: 'commune' });
  });

  it('ships the whole pre-2024 map down to the cercles and the 19 régions + Bamako of the new one', () => {
    expect(count('pre2024', 'region')).toBe(9);
    // 49 cercles + the cercle-level unit of the district of Bamako.
    expect(count('pre2024', 'cercle')).toBe(50);
    expect(count('post2024', 'region')).toBe(20);
    const d = shippedPlaceDirectory();
    expect(d.children('ML-SEG').map((c) => c.name)).toEqual([
      'Barouéli',
      'Bla',
      'Macina',
      'Niono',
      'San',
      'Ségou',
      'Tominian',
    ]);
    expect(d.children('ML-MOP')).toHaveLength(8);
  });
});

describe('shipped crosswalk', () => {
  it('links only existing units, pre2024 to post2024, to the same level or a coarser one', () => {
    const problems: string[] = [];
    for (const e of SHIPPED_CROSSWALK) {
      const from = byCode.get(e.fromCode);
      const to = byCode.get(e.toCode);
      if (!from || from.map !== 'pre2024') problems.push(`from ${e.fromCode}`);
      if (!to || to.map !== 'post2024') problems.push(`to ${e.toCode}`);
      if (from && to && levelRank(to.level) > levelRank(from.level))
        problems.push(`${e.fromCode} -> finer ${e.toCode}`);
      if (from && to && e.relation === 'same' && (from.level !== to.level || from.name !== to.name)) {
        problems.push(`${e.fromCode} same as ${e.toCode}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('links no old région but Bamako (the others were all split)', () => {
    const regions = SHIPPED_CROSSWALK.filter((e) => byCode.get(e.fromCode)?.level === 'region');
    expect(regions.map((e) => e.fromCode)).toEqual(['ML-BAM']);
  });
});

describe('places named in the Q4-2023 report', () => {
  const d = shippedPlaceDirectory();

  it.each(REPORT_2023_Q4_CERCLES.map((n) => [n]))('cercle "%s" is a pre-2024 cercle', (name) => {
    const [hit] = d.search(name, { level: 'cercle', map: 'pre2024', limit: 1 });
    expect(hit).toBeDefined();
    expect(compactKey(hit.name)).toBe(compactKey(name));
  });

  it.each(REPORT_2023_Q4_COMMUNES.map((n) => [n]))('commune "%s" is a pre-2024 commune', (name) => {
    const [hit] = d.search(name, { level: 'commune', map: 'pre2024', limit: 1 });
    expect(hit).toBeDefined();
  });

  it('rolls every cercle of the report up to its région in 2023', () => {
    const regions = REPORT_2023_Q4_CERCLES.map((name) => {
      const [cercle] = d.search(name, { level: 'cercle', map: 'pre2024', limit: 1 });
      return d.rollUp(cercle.code, 'region', { map: 'pre2024' })?.name;
    });
    expect(new Set(regions)).toEqual(new Set(['Ségou', 'Mopti', 'Kayes', 'Koulikoro', 'Sikasso']));
  });
});
