import { Inject, Injectable } from '@nestjs/common';
import { assertFoundInScope, requirePermission } from '@prosmed/auth';
import { domainError, type PvPdfV1 } from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import { PlacesService } from '../../places/places.service';
import { CaseRepository } from '../case-repository';
import { caseOwner } from '../case-scope';
import { CASES_SETTINGS, type CasesSettings } from '../cases.settings';
import { renderPvPdf } from './pv-pdf';

/** The printable PV: gathers the case, the names of the CoFo, tribunal and places, and renders it. */
@Injectable()
export class PvPrintService {
  constructor(
    @Inject(CASES_SETTINGS) private readonly settings: CasesSettings,
    private readonly cases: CaseRepository,
    private readonly places: PlacesService,
  ) {}

  async pvPdf(rc: RequestContext, pvId: string): Promise<PvPdfV1> {
    const scope = requirePermission(rc.identity, 'case:read');
    const tx = this.cases.reader;
    const row = await this.cases.findByPv(tx, pvId);
    assertFoundInScope(scope, row, caseOwner, domainError('PV_NOT_FOUND'));
    const full = await this.cases.view(tx, row);
    // Found by the join above: the PV is one of this case's.
    const pv = full.pvs.find((x) => x.id === pvId)!;
    const names: { cofo: string; tribunal: string | null; cofoPlace: string }[] = await tx.query(
      `SELECT f."name" AS "cofo", t."name" AS "tribunal", f."place_code" AS "cofoPlace" FROM "land"."cofo" f
         LEFT JOIN "land"."tribunal" t ON t."code" = COALESCE($2, f."tribunal_code") WHERE f."code" = $1`,
      [row.cofo_code, pv.homologation?.tribunalCode ?? row.tribunal_code],
    );
    const places = await this.places.current();
    const bytes = await renderPvPdf({
      // As people say it: the village and its cercle ("Ségou, cercle de Ségou").
      placeLabel: (code) => {
        const p = places.get(code);
        if (!p) return code;
        const cercle = places.rollUp(code, 'cercle', { map: p.map });
        return cercle && cercle.code !== p.code ? `${p.name}, cercle de ${cercle.name}` : p.name;
      },
      caseView: full,
      pv,
      cofoName: names[0]?.cofo ?? row.cofo_code,
      tribunalName: names[0]?.tribunal ?? null,
      // "Fait à <the CoFo's seat>": the commune or cercle the commission sits in.
      madeAt: names[0] ? (places.get(names[0].cofoPlace)?.name ?? null) : null,
      checkUrl: `${this.settings.publicBaseUrl}/api/public/pvs/check/${pv.verificationCode}`,
    });
    return { filename: `${row.number}-PV-v${pv.pvVersion}.pdf`, base64: bytes.toString('base64') };
  }
}
