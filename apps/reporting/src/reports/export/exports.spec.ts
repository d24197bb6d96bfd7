import type { ReportDto } from '@prosmed/contracts';
import { toCsv } from './csv';
import { toDhis2 } from './dhis2';
import { suppressSmall } from './suppress';

const report: ReportDto = {
  id: 'r',
  period: '2023Q4',
  periodLabel: 'Octobre - Décembre 2023',
  from: '2023-10-01',
  to: '2023-12-31',
  map: 'pre2024',
  state: 'draft',
  version: 1,
  publishedVersion: null,
  generatedAt: '2024-01-10T10:00:00.000Z',
  publishedAt: null,
  sections: [
    {
      key: 'R1',
      title: 'Résultat 1 : …',
      narrative: 'Texte; avec "guillemets"',
      paragraphs: ['3 séances : 872 personnes (556 femmes) touchées.'],
      indicators: [
        {
          code: 'r1-awareness-people',
          label: 'Personnes sensibilisées',
          unit: 'personnes',
          dhis2Code: 'PRSMD_R1_AWARE',
          value: 872,
          female: 556,
          male: 316,
          youth: 3,
          target: 3000,
          progress: 29.1,
        },
      ],
      table: {
        title: 'Par cercle',
        indicatorCode: 'r1-awareness-people',
        dhis2Code: 'PRSMD_R1_AWARE',
        rows: [
          { placeCode: 'ML-SEG-BLA', label: 'Bla', total: 589, female: 402, male: 187, youth: 3 },
          { placeCode: 'ML-NA', label: 'Non rattaché à ce niveau', total: 4, female: 1, male: 3, youth: 0 },
        ],
      },
      photos: [],
    },
  ],
};

describe('exports of the report', () => {
  it('CSV: French spreadsheet conventions, one line per indicator and per cercle', () => {
    const lines = toCsv(report).replace('\ufeff', '').trim().split('\r\n');
    expect(lines[0]).toBe(
      'periode;section;indicateur;libelle;unite;lieu;total;femmes;hommes;jeunes;cible;avancement_pct',
    );
    expect(lines[1]).toBe(
      '2023Q4;R1;r1-awareness-people;Personnes sensibilisées;personnes;ML;872;556;316;3;3000;29,1',
    );
    expect(lines[2]).toBe('2023Q4;R1;tableau;Par cercle;personnes;ML-SEG-BLA;589;402;187;3;;');
  });

  it('DHIS2: data element, quarter, org unit code and sex category option combo', () => {
    const set = toDhis2(report);
    expect(set).toMatchObject({ period: '2023Q4', orgUnitIdScheme: 'CODE', dataElementIdScheme: 'CODE' });
    expect(set.dataValues).toEqual([
      {
        dataElement: 'PRSMD_R1_AWARE',
        period: '2023Q4',
        orgUnit: 'ML',
        categoryOptionCombo: 'default',
        value: '872',
      },
      {
        dataElement: 'PRSMD_R1_AWARE',
        period: '2023Q4',
        orgUnit: 'ML',
        categoryOptionCombo: 'SEX_F',
        value: '556',
      },
      {
        dataElement: 'PRSMD_R1_AWARE',
        period: '2023Q4',
        orgUnit: 'ML',
        categoryOptionCombo: 'SEX_M',
        value: '316',
      },
      {
        dataElement: 'PRSMD_R1_AWARE',
        period: '2023Q4',
        orgUnit: 'ML-SEG-BLA',
        categoryOptionCombo: 'default',
        value: '589',
      },
      {
        dataElement: 'PRSMD_R1_AWARE',
        period: '2023Q4',
        orgUnit: 'ML-SEG-BLA',
        categoryOptionCombo: 'SEX_F',
        value: '402',
      },
      {
        dataElement: 'PRSMD_R1_AWARE',
        period: '2023Q4',
        orgUnit: 'ML-SEG-BLA',
        categoryOptionCombo: 'SEX_M',
        value: '187',
      },
    ]);
  });

  it('public exports mask counts below the threshold and drop the sentences that quote them', () => {
    const masked = suppressSmall(report, 5);
    const s = masked.sections[0];
    expect(s.indicators[0]).toMatchObject({ value: 872, female: 556, youth: null });
    expect(s.table?.rows[1]).toMatchObject({ total: null, female: null, male: null, youth: 0 });
    expect(s.paragraphs).toEqual(['Export public : les effectifs inférieurs à 5 sont masqués.']);
    expect(s.narrative).toBe(report.sections[0].narrative);
    expect(toDhis2(masked).dataValues.some((v) => v.value === '3')).toBe(false);
  });
});
