import type { Dhis2DataValueSetDto, ReportDto } from '@prosmed/contracts';

/**
 * A DHIS2 data value set of the report (mapping in the service README): data element = the indicator's
 * `dhis2Code`, period = the quarter (`2023Q4`, DHIS2's quarterly period), org unit = the place code (`ML` for
 * the country, the cercles of the section's table), category option combo `default` for the total and
 * `SEX_F` / `SEX_M` for the sexes. Ids are codes: import with `idScheme=CODE`. Masked counts are left out.
 */
export function toDhis2(r: ReportDto): Dhis2DataValueSetDto {
  const dataValues: Dhis2DataValueSetDto['dataValues'] = [];
  const push = (dataElement: string, orgUnit: string, coc: string, v: number | null) => {
    if (v !== null)
      dataValues.push({ dataElement, period: r.period, orgUnit, categoryOptionCombo: coc, value: String(v) });
  };
  for (const s of r.sections) {
    for (const i of s.indicators) {
      if (!i.dhis2Code) continue;
      push(i.dhis2Code, 'ML', 'default', i.value);
      push(i.dhis2Code, 'ML', 'SEX_F', i.female);
      push(i.dhis2Code, 'ML', 'SEX_M', i.male);
    }
    const t = s.table;
    if (!t?.dhis2Code) continue;
    for (const row of t.rows.filter((x) => x.placeCode.startsWith('ML-') && x.placeCode !== 'ML-NA')) {
      push(t.dhis2Code, row.placeCode, 'default', row.total);
      push(t.dhis2Code, row.placeCode, 'SEX_F', row.female);
      push(t.dhis2Code, row.placeCode, 'SEX_M', row.male);
    }
  }
  return {
    dataElementIdScheme: 'CODE',
    orgUnitIdScheme: 'CODE',
    categoryOptionComboIdScheme: 'CODE',
    period: r.period,
    dataValues,
  };
}
