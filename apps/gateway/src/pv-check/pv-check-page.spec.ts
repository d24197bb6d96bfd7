import { createHash } from 'node:crypto';
import type { PvCheckV1 } from '@prosmed/contracts';
import {
  escapeHtml,
  prefersHtml,
  pvCheckPageHeaders,
  pvCheckVerdict,
  renderPvCheckPage,
} from './pv-check-page';

const inForce = {
  exists: true,
  caseNumber: 'COFO-SEG01-2026-0042',
  kind: 'conciliation',
  pvVersion: 2,
  status: 'in-force',
  caseState: 'homologated',
  contentHash: 'ab'.repeat(32),
  cofoCode: 'SEG01',
  cofoName: 'Commission foncière de Ségou',
  drawnUpOn: '2026-10-15',
} as PvCheckV1;
const superseded = { ...inForce, pvVersion: 1, status: 'superseded', caseState: 'conciliated' } as PvCheckV1;

/** The visible text of the body, tags dropped and entities decoded (enough for these pages). */
function visibleText(html: string): string {
  const body = html.slice(html.indexOf('<body>'));
  return body
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the verdict', () => {
  it('is valid for a PV in force, superseded for an older version, unknown otherwise', () => {
    expect(pvCheckVerdict(inForce)).toBe('valid');
    expect(pvCheckVerdict(superseded)).toBe('superseded');
    expect(pvCheckVerdict({ exists: false } as PvCheckV1)).toBe('unknown');
    expect(pvCheckVerdict(null)).toBe('unknown');
  });
});

describe('the PV check page', () => {
  it('says in French that a PV in force is valid, with what to compare with the paper', () => {
    const html = renderPvCheckPage(inForce, 'fr');
    expect(html.startsWith('<!doctype html>\n<html lang="fr">')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    const text = visibleText(html);
    for (const s of [
      'PV valide',
      'Ce procès-verbal est enregistré et en vigueur.',
      'Dossier COFO-SEG01-2026-0042',
      'PV de conciliation, version 2',
      'Commission foncière Commission foncière de Ségou (SEG01)',
      'Date du PV 15/10/2026',
      'Étape du dossier Homologué par le tribunal',
      'ab'.repeat(32),
      'Cette page ne montre aucun nom.',
    ]) {
      expect(text).toContain(s);
    }
    expect(html).toContain('class="verdict valid"');
  });

  it('warns that a superseded PV is no longer in force', () => {
    const text = visibleText(renderPvCheckPage(superseded, 'fr'));
    expect(text).toContain('PV remplacé');
    expect(text).toContain("il n'est plus en vigueur");
    expect(text).toContain('PV de conciliation, version 1');
    expect(text).not.toContain('PV valide');
  });

  it('says a code matches nothing, and shows no field at all', () => {
    for (const check of [null, { exists: false } as PvCheckV1]) {
      const html = renderPvCheckPage(check, 'fr');
      expect(visibleText(html)).toContain('PV inconnu');
      expect(html).toContain('class="verdict unknown"');
      expect(html).not.toContain('<dl>');
    }
  });

  it('speaks English when asked, dates in ISO order', () => {
    const html = renderPvCheckPage(inForce, 'en');
    expect(html).toContain('<html lang="en">');
    const text = visibleText(html);
    expect(text).toContain('Valid PV');
    expect(text).toContain('Approved by the tribunal (homologated)');
    expect(text).toContain('Date of the record 2026-10-15');
    expect(text).not.toMatch(/valide|Dossier/);
    expect(visibleText(renderPvCheckPage(superseded, 'en'))).toContain('Superseded PV');
    expect(visibleText(renderPvCheckPage(null, 'en'))).toContain('Unknown PV');
  });

  it('never shows a personal name, even if the check carried one', () => {
    const leaky = { ...inForce, parties: [{ name: 'Aminata Traoré' }], recordedBy: 'secretaire.segou' };
    const html = renderPvCheckPage(leaky as PvCheckV1, 'fr');
    expect(html).not.toContain('Aminata');
    expect(html).not.toContain('secretaire.segou');
  });

  it('escapes every value from the record', () => {
    const evil = {
      ...inForce,
      caseNumber: '<script>alert(1)</script>',
      cofoName: '"><img src=x onerror=alert(1)>',
      contentHash: "' onmouseover='x",
    } as PvCheckV1;
    const html = renderPvCheckPage(evil, 'fr');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain("' onmouseover");
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('has no script, no external resource, and one style sheet its CSP allows by hash', () => {
    const html = renderPvCheckPage(inForce, 'fr');
    expect(html).not.toMatch(/<script|<link|<img|src=|href=/i);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    expect(styles).toHaveLength(1);
    const hash = createHash('sha256').update(styles[0], 'utf8').digest('base64');
    const csp = pvCheckPageHeaders('fr')['Content-Security-Policy'];
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
  });

  it('comes with HTML headers that vary on Accept and are never cached', () => {
    expect(pvCheckPageHeaders('en')).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Language': 'en',
      'Cache-Control': 'no-store',
      Vary: 'Accept, Accept-Language',
    });
  });
});

describe('choosing HTML or JSON', () => {
  it.each([
    ['text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8', true],
    ['text/html', true],
    ['text/*', true],
    ['application/json;q=0.5, text/html', true],
    [undefined, false],
    ['', false],
    ['*/*', false],
    ['application/json', false],
    ['application/json, text/html', false],
    ['text/html;q=0, */*', false],
    ['text/plain', false],
    ['garbage', false],
  ])('Accept %s -> html %s', (accept, html) => {
    expect(prefersHtml(accept)).toBe(html);
  });
});
