import 'reflect-metadata';
import { AnticorruptionMessages, type AnyMessageDef } from '@prosmed/contracts';
import { MESSAGE_DEF } from '@prosmed/messaging';
import { PlanController } from './plan/plan.controller';
import { ReportsController } from './reports/reports.controller';
import { SessionsController } from './sessions/sessions.controller';
import { UpdatesController } from './updates/updates.controller';

const CONTROLLERS = [PlanController, UpdatesController, SessionsController, ReportsController];

function handled(): string[] {
  return CONTROLLERS.flatMap((c) =>
    Object.getOwnPropertyNames(c.prototype)
      .map(
        (name) =>
          Reflect.getMetadata(MESSAGE_DEF, c.prototype[name as keyof typeof c.prototype]) as AnyMessageDef,
      )
      .filter(Boolean)
      .map((def) => def.id),
  );
}

describe('the anticorruption service handlers', () => {
  it('serve every anticorruption message of the catalogue, each exactly once, and nothing else', () => {
    const ids = handled();
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(
      Object.values(AnticorruptionMessages)
        .map((m) => m.id)
        .sort(),
    );
  });
});
