import { ERROR_CATALOGUE, renderMessage, type ErrorCode } from './error-catalogue';

describe('error messages', () => {
  it('name the PV, in French words and dd/mm/yyyy, when a homologation request precedes it', () => {
    const params = { field: 'requestedOn', date: '2026-10-15', pvDate: '2026-10-20' };
    expect(renderMessage('DATE_BEFORE_PV', 'fr', params)).toBe(
      "La date de la demande d'homologation (15/10/2026) précède la date du PV (20/10/2026) : corrigez la date.",
    );
    expect(renderMessage('DATE_BEFORE_PV', 'en', params)).toBe(
      'The date of the homologation request (2026-10-15) is before the date of the PV (2026-10-20): fix the date.',
    );
  });

  it('name fields in words and show dates as on paper, in every message', () => {
    expect(renderMessage('DATE_IN_FUTURE', 'fr', { field: 'drawnUpOn', date: '2026-12-01' })).toBe(
      'La date du PV (01/12/2026) est dans le futur : saisissez une date passée ou celle du jour.',
    );
    expect(
      renderMessage('DATE_BEFORE_FILING', 'fr', {
        field: 'referredOn',
        date: '2026-01-01',
        filedOn: '2026-02-03',
      }),
    ).toBe('La date du renvoi (01/01/2026) précède la date de saisine (03/02/2026) : corrigez la date.');
    expect(
      renderMessage('DATE_BEFORE_REQUEST', 'fr', { date: '2026-01-01', requestedOn: '2026-02-03' }),
    ).toContain("(01/01/2026) précède la date de la demande d'homologation (03/02/2026)");
    expect(renderMessage('PV_FIELDS_MISMATCH', 'fr', { field: 'stepsTried', kind: 'conciliation' })).toBe(
      'Un PV de conciliation ne comporte pas les démarches entreprises : retirez ce champ.',
    );
    expect(
      renderMessage('CASE_TRANSITION_FORBIDDEN', 'fr', {
        from: 'homologation-requested',
        action: 'record-step',
      }),
    ).toBe(
      "Opération impossible : le dossier est à l'étape « en attente d'homologation », où la procédure ne prévoit pas l'enregistrement d'une étape d'instruction.",
    );
    // A field without a label is quoted rather than lost.
    expect(renderMessage('DATE_IN_FUTURE', 'fr', { field: 'autre', date: '2026-12-01' })).toMatch(
      /^« autre » \(01\/12\/2026\)/,
    );
  });

  it('never show an API field name or an ISO date in a French message', () => {
    const sample: Record<string, string | number> = {
      field: 'drawnUpOn',
      date: '2026-10-15',
      filedOn: '2026-10-01',
      pvDate: '2026-10-20',
      requestedOn: '2026-10-21',
      from: 'filed',
      action: 'refer',
      kind: 'conciliation',
    };
    for (const code of Object.keys(ERROR_CATALOGUE) as ErrorCode[]) {
      const fr = renderMessage(code, 'fr', sample);
      expect({ code, fr }).toEqual({
        code,
        fr: expect.not.stringMatching(/\d{4}-\d{2}-\d{2}|drawnUpOn|requestedOn|correctionReason/),
      });
      expect(fr.charAt(0)).toBe(fr.charAt(0).toUpperCase());
    }
  });
});
