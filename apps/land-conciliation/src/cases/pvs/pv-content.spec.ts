import { canonicalJson } from '@prosmed/messaging';
import { contentHash, pvContent, verificationCode } from './pv-content';

describe('PV content', () => {
  it('hashes content independently of key order, and prints codes without look-alike characters', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
    expect(verificationCode()).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
  });

  it('hashes the members’ marks with the rest of the PV', () => {
    const pv = {
      caseNumber: 'COFO-SEG01-2026-0001',
      kind: 'conciliation' as const,
      pvVersion: 1,
      drawnUpOn: '2026-01-05',
      membersPresent: [{ name: 'Moussa Keïta', role: 'président' }],
      agreedPoints: ['Partage'],
      openPoints: [],
      marks: [],
      memberMarks: [],
      stepsTried: [],
      failureReason: null,
      parties: [],
      land: { villageCode: 'ML-SEG-SEG-SEG', description: 'Champ', surfaceHa: null },
    };
    const marked = { ...pv, memberMarks: [{ name: 'Moussa Keïta', kind: 'thumbprint' as const }] };
    expect(contentHash(pvContent(marked))).not.toBe(contentHash(pvContent(pv)));
  });
});
