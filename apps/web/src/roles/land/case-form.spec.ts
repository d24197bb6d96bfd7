import {
  caseBody,
  caseFields,
  caseFormOf,
  emptyCaseForm,
  hasBothSides,
  missingOnStep,
  newParty,
  parseDecimal,
  stepOfField,
} from './case-form';

describe('the filing form', () => {
  const filled = () => {
    const f = emptyCaseForm('2026-11-20');
    f.summary = ' Limite contestée ';
    f.parties[0] = { ...f.parties[0], name: 'Awa', sex: 'F', ageGroup: 'youth-15-35' };
    f.parties[1] = { ...f.parties[1], name: 'Moussa', sex: 'M' };
    f.parties.push({ ...newParty('temoin'), kind: 'group', name: 'Famille Coulibaly', memberCount: '12' });
    f.land = { villageCode: 'ML-SEG-SAN-SAN', villageName: 'San', description: 'Champ', surfaceHa: '2,5' };
    return f;
  };

  it('asks on each step for what the API requires', () => {
    const f = emptyCaseForm('2026-11-20');
    expect(missingOnStep(f, 'case')).toEqual(['summary']);
    expect(missingOnStep(f, 'parties')).toEqual([
      'parties[0].name',
      'parties[0].sex',
      'parties[1].name',
      'parties[1].sex',
    ]);
    expect(missingOnStep(f, 'land')).toEqual(['land.villageCode', 'land.description']);
    expect(['case', 'parties', 'land'].flatMap((s) => missingOnStep(filled(), s as 'case'))).toEqual([]);
    expect(hasBothSides(filled())).toBe(true);
    expect(hasBothSides({ ...filled(), parties: [newParty('demandeur')] })).toBe(false);
  });

  it('makes the API body: a group without sex, decimals with a comma, trimmed text', () => {
    const body = caseBody(filled(), 'SAN01');
    expect(body).toEqual({
      cofoCode: 'SAN01',
      filedOn: '2026-11-20',
      disputeType: 'limites-de-champs',
      summary: 'Limite contestée',
      parties: [
        { kind: 'person', name: 'Awa', sex: 'F', ageGroup: 'youth-15-35', role: 'demandeur' },
        { kind: 'person', name: 'Moussa', sex: 'M', ageGroup: 'unknown', role: 'defendeur' },
        {
          kind: 'group',
          name: 'Famille Coulibaly',
          sex: null,
          ageGroup: 'unknown',
          role: 'temoin',
          memberCount: 12,
        },
      ],
      land: { villageCode: 'ML-SEG-SAN-SAN', description: 'Champ', surfaceHa: 2.5 },
    });
    expect(caseBody(caseFormOf(body), 'SAN01')).toEqual(body);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('abc')).toBeNaN();
  });

  it('takes a refused field back to its step', () => {
    expect(stepOfField('filedOn')).toBe('case');
    expect(stepOfField('parties[2].sex')).toBe('parties');
    expect(stepOfField('land.villageCode')).toBe('land');
    expect(stepOfField('cofoCode')).toBe('review');
    expect(caseFields(filled())).toContain('parties[2].memberCount');
  });
});
