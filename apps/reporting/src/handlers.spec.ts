import 'reflect-metadata';
import { ReportingMessages, type AnyMessageDef } from '@prosmed/contracts';
import { MESSAGE_DEF } from '@prosmed/messaging';
import { ActivitiesController } from './activities/activities.controller';
import { IndicatorsController } from './indicators/indicators.controller';
import { ReportsController } from './reports/reports.controller';

const CONTROLLERS = [ActivitiesController, IndicatorsController, ReportsController];

describe('the reporting service handlers', () => {
  it('serve every reporting message of the catalogue, each exactly once, and nothing else', () => {
    const ids = CONTROLLERS.flatMap((c) =>
      Object.getOwnPropertyNames(c.prototype)
        .map(
          (name) =>
            Reflect.getMetadata(MESSAGE_DEF, c.prototype[name as keyof typeof c.prototype]) as AnyMessageDef,
        )
        .filter(Boolean)
        .map((def) => def.id),
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(
      Object.values(ReportingMessages)
        .map((m) => m.id)
        .sort(),
    );
  });
});
