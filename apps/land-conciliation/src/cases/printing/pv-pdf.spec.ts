import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CaseV1, PvV1 } from '@prosmed/contracts';
import { frLongDate, frNumber, frSurface } from './fr-format';
import { renderPvPdf, type PvPdfInput } from './pv-pdf';

const REPO_ROOT = path.resolve(__dirname, '../../../../..');

/**
 * Each page's text read back with pdf.js, whitespace collapsed: what a clerk copying from the paper gets.
 * In a child process, as libs/testing's reader does (pdf.js blocks its event loop while parsing).
 */
function pdfPages(bytes: Buffer): Promise<string[]> {
  const script = `
    const pdfjs = require('pdfjs-dist/legacy/build/pdf.js');
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const doc = await pdfjs.getDocument({ data: new Uint8Array(Buffer.concat(chunks)), isEvalSupported: false, verbosity: 0 }).promise;
      const pages = [];
      for (let i = 1; i <= doc.numPages; i++) {
        const content = await (await doc.getPage(i)).getTextContent();
        pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\\s+/g, ' '));
      }
      await doc.destroy();
      process.stdout.write('\\n@@PAGES ' + JSON.stringify(pages) + '\\n');
    });`;
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['-e', script],
      { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024, timeout: 60_000 },
      (err, stdout) => {
        // pdf.js writes its own warnings to stdout: the pages are the marked line.
        const line = stdout.split('\n').find((l) => l.startsWith('@@PAGES '));
        if (err || !line) reject(err ?? new Error(`no pages from pdf.js: ${stdout.slice(0, 300)}`));
        else resolve(JSON.parse(line.slice('@@PAGES '.length)) as string[]);
      },
    );
    child.stdin?.end(bytes);
  });
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A case with enough parties and members that the PV runs over two pages. */
function fixture(over: Partial<PvPdfInput> = {}): PvPdfInput {
  const parties = Array.from({ length: 8 }, (_, i) => ({
    id: uuid(i + 1),
    kind: 'person' as const,
    name: ['Aminata Traoré', 'Bakary Diarra', 'Oumou Sangaré', 'Seydou Keïta'][i % 4] + ` ${i + 1}`,
    sex: (i % 2 ? 'M' : 'F') as 'M' | 'F',
    role: (i % 2 ? 'defendeur' : 'demandeur') as 'demandeur' | 'defendeur',
    villageCode: 'ML-SEG-SEG-SEG',
    memberCount: null,
  }));
  const pv = {
    id: uuid(100),
    caseId: uuid(200),
    caseNumber: 'COFO-SEG01-2026-0042',
    kind: 'conciliation',
    pvVersion: 1,
    status: 'in-force',
    drawnUpOn: '2026-10-15',
    membersPresent: [
      { name: 'Moussa Keïta', role: 'président', sex: 'M' },
      { name: 'Awa Coulibaly', role: 'secrétaire', sex: 'F' },
      { name: 'Issa Maïga', role: 'membre', sex: 'M' },
    ],
    agreedPoints: ['La limite suit la rangée de karités', 'Indemnisation de la récolte 2025'],
    openPoints: [],
    marks: [{ partyId: uuid(1), kind: 'thumbprint', representedBy: null }],
    stepsTried: [],
    failureReason: null,
    correctionReason: null,
    contentHash: 'a'.repeat(64),
    verificationCode: 'K7Q2-9XHD-PM4A',
    homologation: null,
    recordedAt: '2026-10-15T10:00:00.000Z',
    recordedBy: 'secretaire.segou',
  } as unknown as PvV1;
  const caseView = {
    id: uuid(200),
    number: 'COFO-SEG01-2026-0042',
    cofoCode: 'SEG01',
    state: 'conciliated',
    disputeType: 'limites-de-champs',
    filedOn: '2026-10-01',
    villageCode: 'ML-SEG-SEG-SEG',
    summary: 'Limite de champ contestée entre deux familles',
    partiesList: parties,
    land: {
      villageCode: 'ML-SEG-SEG-SEG',
      description: 'Champ de mil au nord du village',
      surfaceHa: 2.5,
      gps: { lat: 13.4317, lon: -6.2157 },
    },
    pvs: [pv],
  } as unknown as CaseV1;
  return {
    caseView,
    pv,
    cofoName: 'Commission foncière de Ségou',
    tribunalName: "Tribunal d'instance de Ségou",
    checkUrl: 'https://prosmed.example.ml/api/public/pvs/check/K7Q2-9XHD-PM4A',
    placeLabel: () => 'Ségou, cercle de Ségou',
    madeAt: 'Ségou',
    ...over,
  };
}

describe('French formats of the printed PV', () => {
  it('writes dates as a deed does', () => {
    expect(frLongDate('2026-10-15')).toBe('15 octobre 2026');
    expect(frLongDate('2026-10-01')).toBe('1er octobre 2026');
    expect(frLongDate('2027-02-03T00:00:00Z')).toBe('3 février 2027');
    expect(frLongDate(null)).toMatch(/^…+$/);
    expect(frLongDate('2026-13-01')).toMatch(/^…+$/);
  });

  it('writes numbers with a decimal comma and grouped thousands', () => {
    expect(frNumber(2.5)).toBe('2,5');
    expect(frNumber(12)).toBe('12');
    expect(frNumber(1250.75)).toBe('1\u00a0250,75');
    expect(frNumber(0.0001)).toBe('0,0001');
    expect(frNumber(-6.2157, 5)).toBe('-6,2157');
    expect(frSurface(2.5)).toBe('2,5\u00a0ha');
    expect(frSurface(null)).toBe('non mesurée');
  });
});

describe('the printed PV', () => {
  let pages: string[];
  let bytes: Buffer;
  beforeAll(async () => {
    bytes = await renderPvPdf(fixture());
    pages = await pdfPages(bytes);
    // Kept for a look with `pdftoppm -png` (not asserted).
    if (process.env.PV_PDF_OUT) writeFileSync(process.env.PV_PDF_OUT, bytes);
  }, 60_000);

  it('runs over more than one page, each with the case number in its header and "n/total"', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((text, i) => {
      expect(text).toContain('Dossier N° COFO-SEG01-2026-0042 · PV de conciliation, version 1');
      expect(text).toContain('Commission foncière de Ségou');
      expect(text).toContain(`${i + 1}/${pages.length}`);
      expect(text).toContain('Code de vérification K7Q2-9XHD-PM4A');
    });
  });

  it('writes the surface and the GPS point in French', () => {
    const all = pages.join(' ');
    expect(all).toContain('Superficie : 2,5 ha');
    expect(all).not.toContain('2.5 ha');
    expect(all).toContain('latitude 13,4317 ; longitude -6,2157');
  });

  it('says where and when it was made, in words', () => {
    expect(pages.join(' ')).toContain('Fait à Ségou, le 15 octobre 2026');
  });

  it('has a box for the tribunal stamp and the president signature', () => {
    const all = pages.join(' ');
    for (const s of [
      'CADRE RÉSERVÉ AU TRIBUNAL (HOMOLOGATION)',
      "Tribunal : Tribunal d'instance de Ségou",
      'Cachet du tribunal',
      'Signature du président',
    ]) {
      expect(all).toContain(s);
    }
  });

  it('prints the configured public verification address, not the local one', () => {
    const all = pages.join(' ');
    expect(all).toContain('https://prosmed.example.ml/api/public/pvs/check/K7Q2-9XHD-PM4A');
    expect(all).not.toContain('127.0.0.1');
  });

  it('keeps every party and member box', () => {
    const all = pages.join(' ');
    for (let i = 1; i <= 8; i++) expect(all).toMatch(new RegExp(` ${i} \\((Demandeur|Défendeur)\\)`));
    expect(all).toContain('Issa Maïga (membre)');
    expect(all).toContain('Empreinte digitale');
  });
});

describe('the printed PV, in other situations', () => {
  it('leaves the place blank to fill by hand when unknown, and prints a homologation decision in the box', async () => {
    const base = fixture({ madeAt: null });
    const pv = {
      ...base.pv,
      homologation: {
        tribunalCode: 'TI-SEGOU',
        requestedOn: '2026-10-20',
        decision: 'homologated',
        decisionNumber: '2026/117',
        decisionDate: '2026-11-02',
        rejectionReason: null,
        waitingDays: 13,
        overdue: false,
      },
    } as PvV1;
    const text = (await pdfPages(await renderPvPdf({ ...base, pv }))).join(' ');
    expect(text).toMatch(/Fait à …+, le 15 octobre 2026/);
    expect(text).toContain('Décision N° 2026/117 du 02/11/2026');
  }, 60_000);

  it('fits a short PV on one page, numbered 1/1', async () => {
    const base = fixture();
    const caseView = { ...base.caseView, partiesList: base.caseView.partiesList.slice(0, 2) } as CaseV1;
    const pv = { ...base.pv, membersPresent: base.pv.membersPresent.slice(0, 1) } as PvV1;
    const short = await renderPvPdf({ ...base, caseView, pv });
    if (process.env.PV_PDF_OUT) writeFileSync(process.env.PV_PDF_OUT.replace(/\.pdf$/, '-short.pdf'), short);
    const pages = await pdfPages(short);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('1/1');
  }, 60_000);
});
