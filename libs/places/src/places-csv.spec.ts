import { parsePlacesCsv, shippedPlaceDirectory, type PlaceIssue } from '@prosmed/places';

const d = shippedPlaceDirectory();
const HEADER = 'code,name,level,parent_code,map,valid_from,valid_to';
const brief = (errors: PlaceIssue[]) => errors.map((e) => `${e.line} ${e.field} ${e.code}`);

describe('parsePlacesCsv: reading the file', () => {
  it('reads a comma-separated file with a header', () => {
    const { places, errors } = parsePlacesCsv(
      [HEADER, 'ML-SEG-SAN-SAN-KAN,Kankoro,village,ML-SEG-SAN-SAN,pre2024,1999-08-10,2024-09-23'].join('\n'),
      { directory: d },
    );
    expect(errors).toEqual([]);
    expect(places).toEqual([
      {
        code: 'ML-SEG-SAN-SAN-KAN',
        name: 'Kankoro',
        level: 'village',
        parentCode: 'ML-SEG-SAN-SAN',
        map: 'pre2024',
        validFrom: '1999-08-10',
        validTo: '2024-09-23',
      },
    ]);
  });

  it('reads a BOM, semicolons, CRLF, quoted fields, blank lines, columns in any order and level aliases', () => {
    const text =
      '\uFEFFmap;code;name;level;parent_code;valid_from;valid_to\r\n' +
      'post2024;ML2-SEG-SEG-SEG-KAL;"Kalabougou; le ""village des potiers""";Fraction;ML2-SEG-SEG-SEG;2024-09-24;\r\n' +
      '\r\n' +
      ';;;;;;\r\n' +
      'post2024;ML2-SEG-BLA;"Bla";cercle;ML2-SEG;2024-09-24;\r\n' +
      'post2024;ML2-SEG-BLA-BLA;Bla;Commune;ML2-SEG-BLA;2024-09-24;\r\n';
    const { places, errors } = parsePlacesCsv(text, { directory: d });
    expect(errors).toEqual([]);
    expect(places.map((p) => [p.code, p.name, p.level, p.validTo])).toEqual([
      ['ML2-SEG-SEG-SEG-KAL', 'Kalabougou; le "village des potiers"', 'village', null],
      ['ML2-SEG-BLA', 'Bla', 'cercle', null],
      ['ML2-SEG-BLA-BLA', 'Bla', 'commune', null],
    ]);
  });

  it('accepts a quoted field spanning lines and keeps counting lines after it', () => {
    const text = [
      HEADER,
      'ML-SEG-SAN-SAN-KAN,"Kankoro',
      '(quartier)",village,ML-SEG-SAN-SAN,pre2024,1999-08-10,2024-09-23',
      'ML-SEG-SAN-SAN-TI2,Tiékouna,hameau,ML-SEG-SAN-SAN,pre2024,1999-08-10,2024-09-23',
    ].join('\n');
    const { errors } = parsePlacesCsv(text, { directory: d });
    expect(brief(errors)).toEqual(['4 level PLACE_UNKNOWN_LEVEL']);
  });

  it('requires the header and every column', () => {
    const row = 'ML-SEG-SAN-SAN-KAN,Kankoro,village,ML-SEG-SAN-SAN,pre2024,1999-08-10,2024-09-23';
    expect(brief(parsePlacesCsv(row).errors)).toEqual(['1 * CSV_MISSING_HEADER']);
    expect(brief(parsePlacesCsv('code,name,level,parent,map,valid_from,valid_to\n' + row).errors)).toEqual([
      '1 parent CSV_UNKNOWN_COLUMN',
      '1 parent_code CSV_MISSING_COLUMN',
    ]);
    expect(brief(parsePlacesCsv('').errors)).toEqual(['1 * CSV_EMPTY']);
    expect(brief(parsePlacesCsv('\uFEFF\n\n').errors)).toEqual(['1 * CSV_EMPTY']);
  });

  it('reports rows with a wrong number of columns and an unterminated quote', () => {
    const text = [
      HEADER,
      'ML-SEG-SAN-SAN-KAN,Kankoro,village,ML-SEG-SAN-SAN,pre2024,1999-08-10',
      'ML-SEG-SAN-SAN-TI2,"Tiékouna,village,ML-SEG-SAN-SAN,pre2024,1999-08-10,2024-09-23',
    ].join('\n');
    const { places, errors } = parsePlacesCsv(text, { directory: d });
    expect(places).toEqual([]);
    expect(brief(errors)).toEqual(['2 * CSV_COLUMN_COUNT', '3 * CSV_UNTERMINATED_QUOTE']);
    expect(errors[0].message_fr).toBe('La ligne a 6 colonnes au lieu de 7.');
    expect(errors[0].message_en).toBe('The line has 6 columns instead of 7.');
  });
});

describe('parsePlacesCsv: every bad row reported by line', () => {
  const text = [
    HEADER,
    /* 2 ok */ 'ML-SEG-SAN-SAN-KAN,Kankoro,village,ML-SEG-SAN-SAN,pre2024,1999-08-10,2024-09-23',
    /* 3 */ 'ML-SEG-SAN-SAN-BAB,Baba,hamlet,ML-SEG-SAN-SAN,pre2024,1999-08-10,2024-09-23',
    /* 4 */ 'ML-SEG-SAN-SAN-ko,Koro,village,ML-SEG-SAN-SAN,pre2024,1999-08-10,2024-09-23',
    /* 5 */ 'ML-SEG-SAN-ZZZ-TOU,Toula,village,ML-SEG-SAN-ZZZ,pre2024,1999-08-10,2024-09-23',
    /* 6 */ 'ML-SEG-SAN-FIO,Fion bis,commune,ML-SEG,pre2024,1999-08-10,2024-09-23',
    /* 7 */ 'ML-SEG-SAN-SAN-DIO,Dioro,village,ML-SEG-SAN-SAN,pre2024,10/08/1999,2024-09-23',
    /* 8 */ 'ML-SEG-SAN-SAN-KAN,Kankoro,village,ML-SEG-SAN-SAN,pre2024,1999-08-10,2024-09-23',
    /* 9 */ 'ML-SEG-SAN-SAN-WAL,Walé,village,ML-SEG-SAN-SAN,pre2024,2020-01-01,2010-01-01',
    /* 10 */ 'ML-SEG-SAN-SAN-PEL,Pélou,village,ML-SEG-SAN-SAN,post2024,2024-09-24,',
    /* 11 */ 'ML2-SAN-SAN-SAN-PEL,Pélou,village,ML-SEG-SAN-SAN,post2024,2024-09-24,',
    /* 12 */ 'ML-SEG-BLA-BLA-SOK,Sokoura,village,ML-SEG-SAN-SAN,pre2024,1999-08-10,2024-09-23',
    /* 13 */ 'ML-SEG-SAN-SAN,San,commune,ML-SEG-SAN,pre2024,1999-08-10,',
    /* 14 */ ',,village,ML-SEG-SAN-SAN,pre2024,,2024-09-23',
    /* 15 */ 'ML-SEG-SAN-SAN-MOR,Morila,village,ML-SEG-SAN-SAN,2024,1999-08-10,2024-09-23',
    /* 16 */ 'ML-SEG-SAN-SAN-XX1,Xx,village,ML-SEG-SAN,pre2024,1999-08-10,2024-09-23',
  ].join('\n');
  const { places, errors } = parsePlacesCsv(text, { directory: d });

  it('imports nothing from a file with errors', () => {
    expect(places).toEqual([]);
  });

  it('reports each problem with its line, field and code', () => {
    expect(brief(errors)).toEqual([
      '3 level PLACE_UNKNOWN_LEVEL',
      '4 code PLACE_BAD_CODE',
      '5 parent_code PLACE_PARENT_MISSING',
      '6 code PLACE_DUPLICATE_CODE',
      '6 parent_code PLACE_PARENT_LEVEL',
      '7 valid_from PLACE_BAD_DATE',
      '8 code PLACE_DUPLICATE_CODE',
      '9 valid_to PLACE_DATE_ORDER',
      '10 code PLACE_CODE_MAP_MISMATCH',
      '10 parent_code PLACE_PARENT_MAP',
      '11 code PLACE_CODE_NOT_UNDER_PARENT',
      '11 parent_code PLACE_PARENT_MAP',
      '12 code PLACE_CODE_NOT_UNDER_PARENT',
      '13 code PLACE_DUPLICATE_CODE',
      '14 name PLACE_REQUIRED',
      '14 code PLACE_REQUIRED',
      '14 valid_from PLACE_REQUIRED',
      '15 map PLACE_UNKNOWN_MAP',
      '16 parent_code PLACE_PARENT_LEVEL',
    ]);
  });

  it('says what is wrong in French and in English, naming the row’s code', () => {
    const byLine = (line: number) => errors.find((e) => e.line === line) as PlaceIssue;
    expect(byLine(3)).toMatchObject({
      placeCode: 'ML-SEG-SAN-SAN-BAB',
      message_fr: 'Niveau inconnu « hamlet » (attendu : region, cercle, arrondissement, commune, village).',
      message_en: 'Unknown level "hamlet" (expected: region, cercle, arrondissement, commune, village).',
    });
    expect(byLine(5).message_fr).toBe(
      "Le rattachement ML-SEG-SAN-ZZZ n'existe ni dans le fichier ni dans le référentiel.",
    );
    expect(byLine(8).message_en).toBe('Code ML-SEG-SAN-SAN-KAN already exists (line 2).');
    expect(byLine(13).message_fr).toBe('Le code ML-SEG-SAN-SAN existe déjà dans le référentiel.');
    expect(byLine(9).message_en).toBe('The end of validity (2010-01-01) is before its start (2020-01-01).');
  });
});

describe('parsePlacesCsv: parents in the file or in the directory', () => {
  it('finds a parent defined further down the file', () => {
    const text = [
      HEADER,
      'ML2-SEG-BLA-KOR-KOR,Korodougou,village,ML2-SEG-BLA-KOR,post2024,2024-09-24,',
      'ML2-SEG-BLA-KOR,Korodougou,commune,ML2-SEG-BLA,post2024,2024-09-24,',
      'ML2-SEG-BLA,Bla,cercle,ML2-SEG,post2024,2024-09-24,',
    ].join('\n');
    expect(parsePlacesCsv(text, { directory: d }).errors).toEqual([]);
    // Without the directory the région is unknown.
    expect(brief(parsePlacesCsv(text).errors)).toEqual(['4 parent_code PLACE_PARENT_MISSING']);
  });

  it('places a commune under an arrondissement while coding it under the cercle', () => {
    const text = [
      HEADER,
      'ML2-SEG-NIO-ASOK,Sokolo,arrondissement,ML2-SEG-NIO,post2024,2024-09-24,',
      'ML2-SEG-NIO-SOK,Sokolo,commune,ML2-SEG-NIO-ASOK,post2024,2024-09-24,',
      'ML2-SEG-NIO-ASOK-SOK,Sokolo bis,commune,ML2-SEG-NIO-ASOK,post2024,2024-09-24,',
    ].join('\n');
    expect(brief(parsePlacesCsv(text, { directory: d }).errors)).toEqual(['4 code PLACE_BAD_CODE']);
  });
});

describe('PlaceDirectory.importCsv: all or nothing', () => {
  const good = [
    HEADER,
    'ML-SEG-SAN-SAN-KAN,Kankoro,village,ML-SEG-SAN-SAN,pre2024,1999-08-10,2024-09-23',
    'ML-SEG-SAN-SAN-TI2,Tiékouna,village,ML-SEG-SAN-SAN,pre2024,1999-08-10,2024-09-23',
  ];

  it('returns a new directory holding every row of a valid file', () => {
    const result = d.importCsv(good.join('\n'));
    expect(result.errors).toEqual([]);
    expect(result.directory?.get('ML-SEG-SAN-SAN-TI2')?.name).toBe('Tiékouna');
    expect(result.directory?.children('ML-SEG-SAN-SAN')).toHaveLength(2);
    expect(d.exists('ML-SEG-SAN-SAN-KAN')).toBe(false);
  });

  it('returns no directory, and adds nothing, when a single row is wrong', () => {
    const result = d.importCsv(
      [...good, 'ML-SEG-SAN-SAN-BAD,Bad,village,ML-SEG-SAN-SAN,pre2024,1999-08-10,2024-13-01'].join('\n'),
    );
    expect(result.directory).toBeUndefined();
    expect(result.places).toEqual([]);
    expect(brief(result.errors)).toEqual(['4 valid_to PLACE_BAD_DATE']);
    expect(d.exists('ML-SEG-SAN-SAN-KAN')).toBe(false);
  });

  it('lets the same file be imported twice', () => {
    const once = d.importCsv(good.join('\n')).directory;
    const twice = once?.importCsv(good.join('\n'));
    expect(twice?.errors).toEqual([]);
    expect(twice?.directory?.all()).toHaveLength(once?.all().length ?? -1);
  });
});
