import { normalizeField, placeField, toFormErrors } from './errors';

describe('the gateway error body as form errors', () => {
  const body = {
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: 'La requête contient des champs invalides : corrigez les champs indiqués.',
    requestId: 'r1',
    details: [
      { field: 'parties.0.sex', code: 'isIn', message: 'Le sexe doit être F ou M.' },
      { field: 'summary', code: 'isNotEmpty', message: 'Le résumé est obligatoire.' },
      { field: 'land.gps.lat', code: 'max', message: 'Latitude trop grande.' },
    ],
  };

  it('puts each detail beside its field, and what the form has no field for on top', () => {
    expect(toFormErrors(body, 'Erreur', ['summary', 'parties[0].sex'])).toEqual({
      form: `${body.message} Latitude trop grande.`,
      fields: { 'parties[0].sex': 'Le sexe doit être F ou M.', summary: 'Le résumé est obligatoire.' },
      code: 'VALIDATION_FAILED',
    });
  });

  it('keeps the server message of a refusal without details, and a fallback for a body that is not one', () => {
    expect(
      toFormErrors({ statusCode: 409, code: 'VERSION_CONFLICT', message: 'Modifié entre-temps.' }, 'Erreur'),
    ).toEqual({ form: 'Modifié entre-temps.', fields: {}, code: 'VERSION_CONFLICT' });
    expect(toFormErrors('<html>', 'Erreur du serveur')).toEqual({ form: 'Erreur du serveur', fields: {} });
  });

  it('names array items with brackets', () => {
    expect(normalizeField('parties.12.name')).toBe('parties[12].name');
    expect(normalizeField('parties[1].name')).toBe('parties[1].name');
  });

  it('puts a detail beside its nearest known ancestor, and gives a bare detail the body message', () => {
    expect(placeField('marks[0].partyId', ['marks', 'marks[0]'])).toBe('marks[0]');
    expect(placeField('marks[3].kind', ['marks', 'marks[0]'])).toBe('marks');
    expect(placeField('land.gps.lat', ['land.villageCode'])).toBeUndefined();
    expect(placeField('summary', undefined)).toBe('summary');
    const refusal = {
      statusCode: 422,
      code: 'DATE_IN_FUTURE',
      message: 'La date de saisine (01/01/2099) est dans le futur.',
      details: [{ field: 'filedOn', code: 'notInFuture' }],
    };
    expect(toFormErrors(refusal, 'Erreur', ['filedOn'])).toEqual({
      form: refusal.message,
      fields: { filedOn: refusal.message },
      code: 'DATE_IN_FUTURE',
    });
    expect(toFormErrors(refusal, 'Erreur', ['summary']).form).toBe(refusal.message);
  });
});
