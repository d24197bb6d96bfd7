import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FigureDto, RollUpLevel } from '@prosmed/contracts';
import { mapInForce, type PlaceMap } from '@prosmed/places';
import { breakdownsOf } from '../ingest/facts';
import type { Period } from '../shared/period';
import { places } from '../shared/places';
import { IndicatorRepository, type IndicatorRow } from './indicator-repository';
import { progressOf, rollUpDistinct, rollUpSums, type RolledUp } from './rollup';

type Tx = Pick<EntityManager, 'query'>;

export interface IndicatorFigures extends RolledUp {
  target: number | null;
  progress: number | null;
}

/** An indicator's figures for a period at a level, on a map: what queries, the dashboard and reports share. */
@Injectable()
export class IndicatorQueries {
  constructor(private readonly repo: IndicatorRepository) {}

  /** The map a period is read on by default: the one in force on its last day. */
  static defaultMap(period: Period): PlaceMap {
    return mapInForce(period.to);
  }

  async figures(
    tx: Tx,
    ind: IndicatorRow,
    period: Period,
    level: RollUpLevel,
    map: PlaceMap,
    territory?: string,
  ): Promise<IndicatorFigures> {
    const dir = places();
    const rolled =
      ind.measure === 'distinct'
        ? rollUpDistinct(
            dir,
            await this.repo.distinctKeys(tx, ind.id, period.from, period.to),
            level,
            map,
            territory,
          )
        : rollUpSums(
            dir,
            await this.repo.sums(tx, ind.id, period.from, period.to),
            level,
            map,
            breakdownsOf(ind),
            territory,
          );
    const year = Number(period.to.slice(0, 4));
    const target =
      (await this.repo.targets(tx, [ind.code])).get(ind.code)?.find((t) => t.year === year)?.value ?? null;
    return { ...rolled, target, progress: progressOf(rolled.total.value, target) };
  }

  /** Totals only, for every current indicator (dashboard, report). */
  async totals(
    tx: Tx,
    period: Period,
  ): Promise<{ ind: IndicatorRow; total: FigureDto; target: number | null; progress: number | null }[]> {
    const list = await this.repo.current(tx);
    const out = [];
    for (const ind of list) {
      const f = await this.figures(tx, ind, period, 'country', IndicatorQueries.defaultMap(period));
      out.push({ ind, total: f.total, target: f.target, progress: f.progress });
    }
    return out;
  }
}
