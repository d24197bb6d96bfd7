import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { DISPUTE_TYPE_LABELS, type CaseV1, type MarkKind, type PvV1 } from '@prosmed/contracts';

export interface PvPdfInput {
  caseView: CaseV1;
  pv: PvV1;
  cofoName: string;
  tribunalName: string | null;
  /** What the QR code encodes: the public check endpoint of this PV. */
  checkUrl: string;
  /** A place's name as people say it ("Ségou, cercle de Ségou"); the code when unknown. */
  placeLabel?: (code: string) => string;
}

/** dd/mm/yyyy, as on every official paper in Mali. */
export function frDate(iso: string | null | undefined): string {
  if (!iso) return '…… / …… / …………';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

const ROLE_FR: Record<string, string> = { demandeur: 'Demandeur', defendeur: 'Défendeur', temoin: 'Témoin' };
const MARK_FR: Record<MarkKind, string> = {
  signature: 'Signature',
  thumbprint: 'Empreinte digitale',
  represented: 'Représenté(e) par',
};
const SEX_FR: Record<string, string> = { F: 'Femme', M: 'Homme' };

/**
 * The PV as it goes to the tribunal: French, A4, every legal field, a box for each party's signature or
 * thumbprint and each member's signature, and a QR code plus a typed code that let the clerk check that
 * the paper matches the record (the check answers the number, state and content hash only).
 */
export async function renderPvPdf(input: PvPdfInput): Promise<Buffer> {
  const { caseView: c, pv } = input;
  const place = input.placeLabel ?? ((code: string) => code);
  const qr = await QRCode.toBuffer(input.checkUrl, { errorCorrectionLevel: 'M', margin: 1, width: 220 });
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 48, bottom: 48, left: 56, right: 56 },
    info: {
      Title: `PV ${pv.kind === 'conciliation' ? 'de conciliation' : 'de non-conciliation'} ${c.number}`,
      Author: input.cofoName,
      Subject: 'Procès-verbal de la commission foncière',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 112;
  const heading = (text: string) => {
    doc
      .moveDown(0.6)
      .font('Helvetica-Bold')
      .fontSize(11)
      .text(text)
      .moveDown(0.2)
      .font('Helvetica')
      .fontSize(10);
  };
  const field = (label: string, value: string) => {
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(`${label} : `, { continued: true })
      .font('Helvetica')
      .text(value);
  };
  const list = (items: string[], empty: string) => {
    if (items.length === 0) doc.text(empty);
    items.forEach((t, i) => doc.text(`${i + 1}. ${t}`, { indent: 10 }));
  };

  doc.font('Helvetica-Bold').fontSize(10).text('RÉPUBLIQUE DU MALI', { align: 'right' });
  doc.font('Helvetica-Oblique').fontSize(9).text('Un Peuple - Un But - Une Foi', { align: 'right' });
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(11).text(input.cofoName.toUpperCase());
  doc.font('Helvetica').fontSize(9).text(`Code CoFo : ${c.cofoCode}`);
  doc
    .moveDown(1)
    .font('Helvetica-Bold')
    .fontSize(15)
    .text(
      pv.kind === 'conciliation' ? 'PROCÈS-VERBAL DE CONCILIATION' : 'PROCÈS-VERBAL DE NON-CONCILIATION',
      {
        align: 'center',
      },
    );
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(
      `Dossier N° ${c.number} - PV version ${pv.pvVersion}${pv.status === 'superseded' ? ' (remplacée)' : ''}`,
      {
        align: 'center',
      },
    )
    .moveDown(0.8);

  field('Date de saisine', frDate(c.filedOn));
  field('Date du procès-verbal', frDate(pv.drawnUpOn));
  field('Nature du litige', DISPUTE_TYPE_LABELS[c.disputeType].fr);
  field('Objet', c.summary);
  field('Terre concernée', `${c.land.description} (lieu : ${place(c.land.villageCode)})`);
  field(
    'Superficie',
    c.land.surfaceHa === null || c.land.surfaceHa === undefined ? 'non mesurée' : `${c.land.surfaceHa} ha`,
  );
  if (c.land.gps) field('Point GPS', `${c.land.gps.lat.toFixed(5)}, ${c.land.gps.lon.toFixed(5)}`);
  if (pv.correctionReason) field('Motif de la nouvelle version', pv.correctionReason);

  heading('PARTIES');
  for (const p of c.partiesList) {
    const who =
      p.kind === 'group'
        ? `${p.name} (groupe${p.memberCount ? `, ${p.memberCount} personnes` : ''})`
        : p.name;
    const sex = p.sex ? `, ${SEX_FR[p.sex]}` : '';
    doc.text(
      `- ${who}${sex} - ${ROLE_FR[p.role] ?? p.role}${p.villageCode ? ` - ${place(p.villageCode)}` : ''}`,
    );
  }

  if (pv.kind === 'conciliation') {
    heading("POINTS D'ACCORD");
    list(pv.agreedPoints, 'Aucun point d’accord.');
    heading('POINTS RESTÉS EN SUSPENS');
    list(pv.openPoints, 'Néant.');
  } else {
    heading('DÉMARCHES ENTREPRISES');
    list(pv.stepsTried, 'Néant.');
    heading("MOTIF DE L'ÉCHEC DE LA CONCILIATION");
    doc.text(pv.failureReason ?? '');
  }

  heading('MEMBRES DE LA COMMISSION PRÉSENTS');
  doc.text(pv.membersPresent.map((m) => `${m.name} (${m.role})`).join(' ; '));

  if (pv.homologation) {
    heading('HOMOLOGATION');
    field('Tribunal', input.tribunalName ?? pv.homologation.tribunalCode);
    field('Transmis le', frDate(pv.homologation.requestedOn));
    if (pv.homologation.decision === 'homologated') {
      field(
        'Décision',
        `Homologué, décision N° ${pv.homologation.decisionNumber ?? ''} du ${frDate(pv.homologation.decisionDate)}`,
      );
    } else if (pv.homologation.decision === 'rejected') {
      field(
        'Décision',
        `Rejeté le ${frDate(pv.homologation.decisionDate)} : ${pv.homologation.rejectionReason ?? ''}`,
      );
    } else {
      field('Décision', 'en attente');
    }
  }

  // Signature boxes: one per party (its mark), one per member present.
  heading('SIGNATURES ET EMPREINTES');
  const marks = new Map(pv.marks.map((m) => [m.partyId, m]));
  const boxes = [
    ...c.partiesList.map((p) => {
      const m = marks.get(p.id);
      const how = m
        ? `${MARK_FR[m.kind]}${m.kind === 'represented' && m.representedBy ? ` ${m.representedBy}` : ''}`
        : 'Signature ou empreinte';
      return { title: `${p.name} (${ROLE_FR[p.role] ?? p.role})`, how };
    }),
    ...pv.membersPresent.map((m) => ({ title: `${m.name} (${m.role})`, how: 'Signature du membre' })),
  ];
  const boxW = (width - 12) / 2;
  const boxH = 58;
  for (let i = 0; i < boxes.length; i += 2) {
    if (doc.y + boxH > doc.page.height - 150) doc.addPage();
    const y = doc.y;
    boxes.slice(i, i + 2).forEach((b, k) => {
      const x = 56 + k * (boxW + 12);
      doc.rect(x, y, boxW, boxH).stroke();
      doc
        .font('Helvetica-Bold')
        .fontSize(8)
        .text(b.title, x + 4, y + 4, { width: boxW - 8 });
      doc
        .font('Helvetica-Oblique')
        .fontSize(8)
        .text(b.how, x + 4, y + boxH - 14, { width: boxW - 8 });
    });
    doc.x = 56;
    doc.y = y + boxH + 6;
  }

  if (doc.y > doc.page.height - 170) doc.addPage();
  const qrY = doc.y + 10;
  doc.image(qr, 56, qrY, { width: 96 });
  doc
    .font('Helvetica-Bold')
    .fontSize(9)
    .text('Vérification', 164, qrY)
    .font('Helvetica')
    .text(`Code de vérification : ${pv.verificationCode}`, 164)
    .text(`Empreinte du contenu (SHA-256) : ${pv.contentHash}`, 164, undefined, { width: width - 108 })
    .text(`Vérifier : ${input.checkUrl}`, 164, undefined, { width: width - 108 });
  doc.end();
  return done;
}
