import { activityFormOf, grievanceFormOf } from './forms';

describe('a refused body back in its form', () => {
  it('gives the activity form its values: dates jj/mm/aaaa, counts as text, one recommendation a line', () => {
    const form = activityFormOf({
      ccsCode: 'CCS-SEGOU',
      type: 'sports-event',
      startOn: '2023-11-18',
      placeCode: 'ML-SEG-SEG-SEG',
      theme: 'Match',
      forces: ['police'],
      participants: { total: 120, women: 45, youth: 70, fds: 30, children: null },
      recommendations: ['Éclairer le terrain', 'Match retour'],
    });
    expect(form.forces).toEqual(['police']);
    expect(form.values).toMatchObject({
      type: 'sports-event',
      startOn: '18/11/2023',
      endOn: '',
      'participants.total': '120',
      'participants.children': '',
      recommendations: 'Éclairer le terrain\nMatch retour',
      outcomes: '',
    });
  });

  it('gives the grievance form its values, the identity as it was typed', () => {
    expect(
      grievanceFormOf({
        ccsCode: 'CCS-SEGOU',
        receivedOn: '2026-11-20',
        channel: 'phone',
        category: 'threat',
        placeCode: 'ML-SEG-SEG-SEG',
        summary: 'Menaces',
        complainant: { name: 'Awa Diarra', phone: null, note: null },
      }),
    ).toEqual({
      receivedOn: '20/11/2026',
      channel: 'phone',
      category: 'threat',
      placeCode: 'ML-SEG-SEG-SEG',
      summary: 'Menaces',
      'complainant.name': 'Awa Diarra',
      'complainant.phone': '',
      'complainant.note': '',
    });
    expect(grievanceFormOf({ ...baseGrievance, complainant: null })['complainant.name']).toBe('');
  });
});

const baseGrievance = {
  ccsCode: 'CCS-SEGOU',
  receivedOn: '2026-11-20',
  channel: 'phone',
  category: 'threat',
  placeCode: 'ML-SEG-SEG-SEG',
  summary: 'Menaces',
};
