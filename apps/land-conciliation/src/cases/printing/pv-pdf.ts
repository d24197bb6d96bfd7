import { DISPUTE_TYPE_LABELS, type CaseV1, type PvV1 } from '@prosmed/contracts';
import { frDate, frLongDate, frNumber, frSurface, MARK_FR, ROLE_FR, SEX_FR } from './fr-format';

export interface PvPdfInput {
  caseView: CaseV1;
  pv: PvV1;
  cofoName: string;
  tribunalName: string | null;
  /** What the QR code encodes: the public check endpoint of this PV. */
  checkUrl: string;
  /** A place's name as people say it ("Ségou, cercle de Ségou"); the code when unknown. */
  placeLabel?: (code: string) => string;
  /**
   * Where the commission sat, for "Fait à …" (the name of the CoFo's commune or cercle). Left as a line
   * to fill by hand when unknown: a wrong place on a legal paper is worse than a blank.
   */
  madeAt?: string | null;
}

const MARGIN_X = 56;
/** Room above the body for the running header (case number on every page). */
const MARGIN_TOP = 72;
/** Room below the body for the footer (page number). */
const MARGIN_BOTTOM = 64;

/**
 * The PV as it goes to the tribunal: French, A4, every legal field, a box for each party's signature or
 * thumbprint and each member's signature, and a QR code plus a typed code that let the clerk check that
 * the paper matches the record (the check answers the number, state and content hash only).
 */
export async function renderPvPdf(input: PvPdfInput): Promise<Buffer> {
  // Loaded on the first print: pdfkit and qrcode weigh about 25 MB, which a resting service need not carry.
  const [{ default: PDFDocument }, { default: QRCode }] = await Promise.all([
    import('pdfkit'),
    import('qrcode'),
  ]);
  const { caseView: c, pv } = input;
  const place = input.placeLabel ?? ((code: string) => code);
  const qr = await QRCode.toBuffer(input.checkUrl, { errorCorrectionLevel: 'M', margin: 1, width: 220 });
  // Pages are buffered so that the running header and "page/total" can be written once the total is known.
  const doc = new PDFDocument({
    size: 'A4',
    bufferPages: true,
    margins: { top: MARGIN_TOP, bottom: MARGIN_BOTTOM, left: MARGIN_X, right: MARGIN_X },
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

  const width = doc.page.width - 2 * MARGIN_X;
  const kindFr = pv.kind === 'conciliation' ? 'PV de conciliation' : 'PV de non-conciliation';
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
  field('Superficie', frSurface(c.land.surfaceHa));
  if (c.land.gps) {
    field('Point GPS', `latitude ${frNumber(c.land.gps.lat, 5)} ; longitude ${frNumber(c.land.gps.lon, 5)}`);
  }
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

  // Where and when the commission drew the PV up, above the marks that make it a deed.
  doc
    .moveDown(0.8)
    .font('Helvetica')
    .fontSize(10)
    .text(`Fait à ${input.madeAt?.trim() || '……………………'}, le ${frLongDate(pv.drawnUpOn)}`, MARGIN_X, doc.y, {
      width,
      align: 'right',
    });

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
    // Members' marks (`pv.memberMarks`, by name); a PV recorded before they were kept has none.
    ...pv.membersPresent.map((m) => {
      const mark = (pv.memberMarks ?? []).find((k) => k.name === m.name);
      return {
        title: `${m.name} (${m.role})`,
        how: mark ? MARK_FR[mark.kind] : 'Signature ou empreinte du membre',
      };
    }),
  ];
  const bottomLimit = () => doc.page.height - MARGIN_BOTTOM;
  /** A block is never cut by a page break: it moves whole to the next page. */
  const keepTogether = (height: number) => {
    if (doc.y + height > bottomLimit()) doc.addPage();
  };
  const boxW = (width - 12) / 2;
  const boxH = 58;
  for (let i = 0; i < boxes.length; i += 2) {
    keepTogether(boxH);
    const y = doc.y;
    boxes.slice(i, i + 2).forEach((b, k) => {
      const x = MARGIN_X + k * (boxW + 12);
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
    doc.x = MARGIN_X;
    doc.y = y + boxH + 6;
  }

  // One block, never split: the tribunal's box (its stamp and the president's signature make the
  // homologation visible on the paper) with the QR code beside it, then the content hash and the address.
  const rowH = 100;
  const qrColW = 128;
  const tW = width - qrColW - 12;
  const qrX = MARGIN_X + tW + 12;
  doc.moveDown(0.6);
  keepTogether(18 + rowH + 40);
  const titleY = doc.y;
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .text('CADRE RÉSERVÉ AU TRIBUNAL (HOMOLOGATION)', MARGIN_X, titleY, { width: tW })
    .text('VÉRIFICATION', qrX, titleY, { width: qrColW, align: 'center' });
  const ty = titleY + 16;
  doc.rect(MARGIN_X, ty, tW, rowH).stroke();
  const h = pv.homologation;
  const decided = h?.decision === 'homologated';
  const half = tW / 2;
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(`Tribunal : ${input.tribunalName ?? h?.tribunalCode ?? '……………………………………'}`, MARGIN_X + 8, ty + 8, {
      width: tW - 16,
    })
    .text(
      `Décision N° ${decided && h?.decisionNumber ? h.decisionNumber : '……………………'} du ${
        decided ? frDate(h?.decisionDate) : '…… / …… / …………'
      }`,
      MARGIN_X + 8,
      undefined,
      { width: tW - 16 },
    );
  doc
    .font('Helvetica-Oblique')
    .fontSize(8)
    .text('Cachet du tribunal', MARGIN_X + 8, ty + rowH - 14, { width: half - 16 })
    .text('Signature du président', MARGIN_X + half + 8, ty + rowH - 14, { width: half - 16 });
  doc
    .moveTo(MARGIN_X + half, ty + 40)
    .lineTo(MARGIN_X + half, ty + rowH - 6)
    .lineWidth(0.5)
    .dash(2, { space: 3 })
    .stroke()
    .undash()
    .lineWidth(1);
  doc.image(qr, qrX + (qrColW - 84) / 2, ty, { width: 84 });
  doc
    .font('Helvetica-Bold')
    .fontSize(9)
    .text(pv.verificationCode, qrX, ty + 88, { width: qrColW, align: 'center' });
  doc
    .font('Helvetica')
    .fontSize(8)
    .text(`Empreinte du contenu (SHA-256) : ${pv.contentHash}`, MARGIN_X, ty + rowH + 8, { width })
    .text(`Vérifier ce PV : ${input.checkUrl}`, MARGIN_X, undefined, { width });

  // Running header and footer on every page, written last: the total of pages is known only now.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Text in the margins must not make pdfkit open a page for it.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    // The case number first and whole; the CoFo's name gives way (ellipsis) when both do not fit.
    const caseLine = `Dossier N° ${c.number} · ${kindFr}, version ${pv.pvVersion}`;
    doc.font('Helvetica-Bold').fontSize(8).fillColor('#333333');
    const caseW = Math.min(doc.widthOfString(caseLine) + 2, width);
    doc.text(caseLine, MARGIN_X, 32, { width: caseW, lineBreak: false });
    if (width - caseW > 40) {
      doc.font('Helvetica').text(input.cofoName, MARGIN_X + caseW + 12, 32, {
        width: width - caseW - 12,
        align: 'right',
        height: 10,
        ellipsis: true,
      });
    }
    doc
      .moveTo(MARGIN_X, 46)
      .lineTo(MARGIN_X + width, 46)
      .lineWidth(0.5)
      .strokeColor('#777777')
      .stroke();
    const footY = doc.page.height - 40;
    doc
      .moveTo(MARGIN_X, footY - 6)
      .lineTo(MARGIN_X + width, footY - 6)
      .stroke();
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(`Code de vérification ${pv.verificationCode}`, MARGIN_X, footY, { width: width / 2 })
      .text(`${i - range.start + 1}/${range.count}`, MARGIN_X + width / 2, footY, {
        width: width / 2,
        align: 'right',
      });
    doc.fillColor('black').strokeColor('black').lineWidth(1);
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
