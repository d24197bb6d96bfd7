import { createHash } from 'node:crypto';
import type { CaseState, PvCheckV1, PvKind } from '@prosmed/contracts';

/**
 * The page a citizen or a clerk sees after scanning the QR code of a printed PV: whether the paper matches
 * a PV in force, and what to compare with it (case number, CoFo, date, content hash). Never a name: the
 * address is public and anyone holding the paper can open it. Pure and escaped; the route only chooses
 * between it and the JSON answer, and sends `pvCheckPageHeaders`.
 */

export type PvCheckLanguage = 'fr' | 'en';

export type PvCheckVerdict = 'valid' | 'superseded' | 'unknown';

/** `null` (a code that cannot exist) and `exists: false` read the same to the person holding the paper. */
export function pvCheckVerdict(check: PvCheckV1 | null): PvCheckVerdict {
  if (!check?.exists) return 'unknown';
  return check.status === 'superseded' ? 'superseded' : 'valid';
}

const STATE_LABELS: Record<CaseState, Record<PvCheckLanguage, string>> = {
  filed: { fr: 'Saisie de la commission', en: 'Filed with the commission' },
  'in-instruction': { fr: 'En instruction', en: 'Under examination' },
  conciliated: { fr: 'Conciliation obtenue', en: 'Settled by conciliation' },
  'not-conciliated': { fr: 'Échec de la conciliation', en: 'Conciliation failed' },
  'homologation-requested': {
    fr: "Transmis au tribunal pour l'homologation",
    en: 'Sent to the tribunal for approval (homologation)',
  },
  homologated: { fr: 'Homologué par le tribunal', en: 'Approved by the tribunal (homologated)' },
  'homologation-rejected': {
    fr: 'Homologation refusée par le tribunal',
    en: 'Approval refused by the tribunal',
  },
  referred: { fr: 'Renvoyé devant le tribunal', en: 'Referred to the tribunal' },
  closed: { fr: 'Dossier clos', en: 'Case closed' },
};

const KIND_LABELS: Record<PvKind, Record<PvCheckLanguage, string>> = {
  conciliation: { fr: 'PV de conciliation', en: 'Record of conciliation (PV de conciliation)' },
  'non-conciliation': {
    fr: 'PV de non-conciliation',
    en: 'Record of failed conciliation (PV de non-conciliation)',
  },
};

const TEXT = {
  fr: {
    title: "Vérification d'un procès-verbal",
    brand: 'PROSMED · Commissions foncières du Mali',
    valid: {
      heading: 'PV valide',
      lead: 'Ce procès-verbal est enregistré et en vigueur.',
    },
    superseded: {
      heading: 'PV remplacé',
      lead: "Ce procès-verbal a été remplacé par une version plus récente : il n'est plus en vigueur. Demandez la version en vigueur à la commission foncière.",
    },
    unknown: {
      heading: 'PV inconnu',
      lead: "Aucun procès-verbal ne correspond à ce code. Vérifiez le code imprimé sous le QR code. S'il est exact, ce papier n'a pas été établi par une commission foncière : adressez-vous à la commission ou au tribunal.",
    },
    caseNumber: 'Dossier',
    pv: 'Procès-verbal',
    version: (n: number) => `version ${n}`,
    cofo: 'Commission foncière',
    date: 'Date du PV',
    stage: 'Étape du dossier',
    hash: 'Empreinte du contenu (SHA-256)',
    compare:
      "Comparez ces informations avec le papier : le numéro du dossier, la date et l'empreinte doivent être identiques. Cette page ne montre aucun nom.",
  },
  en: {
    title: 'Checking a PV (record of the land commission)',
    brand: 'PROSMED · Land commissions of Mali',
    valid: {
      heading: 'Valid PV',
      lead: 'This record is registered and in force.',
    },
    superseded: {
      heading: 'Superseded PV',
      lead: 'This record was replaced by a newer version: it is no longer in force. Ask the land commission for the version in force.',
    },
    unknown: {
      heading: 'Unknown PV',
      lead: 'No record matches this code. Check the code printed under the QR code. If it is right, this paper was not issued by a land commission: contact the commission or the tribunal.',
    },
    caseNumber: 'Case',
    pv: 'Record',
    version: (n: number) => `version ${n}`,
    cofo: 'Land commission (CoFo)',
    date: 'Date of the record',
    stage: 'Stage of the case',
    hash: 'Content fingerprint (SHA-256)',
    compare:
      'Compare these details with the paper: the case number, the date and the fingerprint must be the same. This page shows no names.',
  },
} as const;

const ICONS: Record<PvCheckVerdict, string> = { valid: '✓', superseded: '!', unknown: '✕' };

/**
 * One small style sheet, inline so the page needs no other request (slow networks), and allowed by its
 * hash in the page's CSP rather than by 'unsafe-inline'. Readable from 320 px up: system fonts, 1 rem
 * text, the verdict in words, an icon and a colour (never the colour alone), contrast above 7:1.
 */
const STYLE = [
  '*{box-sizing:border-box}',
  'body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1a1a1a;background:#f6f6f4}',
  'main{max-width:34rem;margin:0 auto;padding:1rem}',
  '.brand{margin:0 0 .75rem;font-size:.875rem;color:#4a4a4a}',
  '.verdict{border-radius:.5rem;padding:1rem;border:2px solid}',
  '.verdict h1{margin:0;font-size:1.5rem;line-height:1.2;display:flex;align-items:center;gap:.5rem}',
  '.verdict p{margin:.5rem 0 0}',
  '.icon{display:inline-flex;align-items:center;justify-content:center;width:2rem;height:2rem;border-radius:50%;color:#fff;font-size:1.1rem;flex:none}',
  '.valid{background:#e7f4ea;border-color:#0b6b2f;color:#06441d}.valid .icon{background:#0b6b2f}',
  '.superseded{background:#fff3dc;border-color:#8a5300;color:#4d2e00}.superseded .icon{background:#8a5300}',
  '.unknown{background:#fdeaea;border-color:#a11b1b;color:#5c0e0e}.unknown .icon{background:#a11b1b}',
  'dl{margin:1rem 0 0;background:#fff;border-radius:.5rem;padding:.25rem 1rem;border:1px solid #d8d8d4}',
  'dt{font-size:.875rem;color:#4a4a4a;margin-top:.75rem}',
  'dd{margin:0 0 .75rem;font-weight:600;overflow-wrap:anywhere}',
  '.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:400;font-size:.875rem}',
  '.help{font-size:.875rem;color:#3a3a3a;margin:1rem 0 0}',
].join('');

const STYLE_HASH = createHash('sha256').update(STYLE, 'utf8').digest('base64');

/** What goes with the page: HTML in UTF-8, a CSP that lets only its own style sheet in, no caching. */
export function pvCheckPageHeaders(language: PvCheckLanguage): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Language': language,
    'Content-Security-Policy': [
      "default-src 'none'",
      `style-src 'sha256-${STYLE_HASH}'`,
      "img-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    // A PV can be superseded at any time: the answer is never reused.
    'Cache-Control': 'no-store',
    // The same address answers JSON or HTML, in French or English.
    Vary: 'Accept, Accept-Language',
    // A verification page is for whoever holds the paper, not for search engines.
    'X-Robots-Tag': 'noindex, nofollow',
    'Referrer-Policy': 'no-referrer',
  };
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** dd/mm/yyyy in French, as on the paper; ISO in English (day and month orders differ). */
function dateText(iso: string, language: PvCheckLanguage): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return language === 'fr' ? `${m[3]}/${m[2]}/${m[1]}` : `${m[1]}-${m[2]}-${m[3]}`;
}

/** The whole HTML document for one check, in one language. Every value from the record is escaped. */
export function renderPvCheckPage(check: PvCheckV1 | null, language: PvCheckLanguage): string {
  const t = TEXT[language];
  const verdict = pvCheckVerdict(check);
  const rows: [string, string, string?][] = [];
  if (check && verdict !== 'unknown') {
    const c = check;
    if (c.caseNumber) rows.push([t.caseNumber, c.caseNumber]);
    if (c.kind) {
      const kind = KIND_LABELS[c.kind]?.[language] ?? c.kind;
      rows.push([t.pv, c.pvVersion ? `${kind}, ${t.version(c.pvVersion)}` : kind]);
    }
    if (c.cofoName || c.cofoCode) {
      rows.push([
        t.cofo,
        c.cofoName && c.cofoCode ? `${c.cofoName} (${c.cofoCode})` : (c.cofoName ?? c.cofoCode ?? ''),
      ]);
    }
    if (c.drawnUpOn) rows.push([t.date, dateText(c.drawnUpOn, language)]);
    if (c.caseState) rows.push([t.stage, STATE_LABELS[c.caseState]?.[language] ?? c.caseState]);
    if (c.contentHash) rows.push([t.hash, c.contentHash, 'hash']);
  }
  const details =
    rows.length === 0
      ? ''
      : `<dl>${rows
          .map(
            ([label, value, cls]) =>
              `<dt>${escapeHtml(label)}</dt><dd${cls ? ` class="${cls}"` : ''}>${escapeHtml(value)}</dd>`,
          )
          .join('')}</dl><p class="help">${escapeHtml(t.compare)}</p>`;
  const v = t[verdict];
  return [
    '<!doctype html>',
    `<html lang="${language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(`${v.heading} · ${t.title}`)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<p class="brand">${escapeHtml(t.brand)}</p>`,
    `<section class="verdict ${verdict}" role="status" aria-live="polite">`,
    `<h1><span class="icon" aria-hidden="true">${ICONS[verdict]}</span>${escapeHtml(v.heading)}</h1>`,
    `<p>${escapeHtml(v.lead)}</p>`,
    '</section>',
    details,
    '</main>',
    '</body>',
    '</html>',
  ].join('\n');
}

/**
 * Whether a caller asked for the page rather than the JSON: `text/html` must rank strictly higher than
 * `application/json` in `Accept` (a browser's `text/html,...,*\/*;q=0.8`). Programs sending nothing,
 * `*\/*` or `application/json` keep getting JSON, as before; on a tie, JSON wins.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  let html = { q: 0, specificity: -1 };
  let json = { q: 0, specificity: -1 };
  for (const part of accept.split(',')) {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const [type, sub] = range.trim().split('/');
    if (!type || !sub) continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(p);
      if (m) q = Number(m[1]);
    }
    // The most specific range that matches a type decides its quality (RFC 9110 §12.5.1).
    const match = (t: string, s: string, cur: { q: number; specificity: number }) => {
      const specificity = type === t && sub === s ? 2 : type === t && sub === '*' ? 1 : type === '*' ? 0 : -1;
      return specificity > cur.specificity ? { q, specificity } : cur;
    };
    html = match('text', 'html', html);
    json = match('application', 'json', json);
  }
  return html.q > 0 && html.q > json.q;
}
