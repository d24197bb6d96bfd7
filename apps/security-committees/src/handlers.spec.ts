import 'reflect-metadata';
import { SecurityMessages, type AnyMessageDef } from '@prosmed/contracts';
import { MESSAGE_DEF } from '@prosmed/messaging';
import { ActivitiesController } from './activities/activities.controller';
import { GrievancesController } from './grievances/grievances.controller';
import { CcsController } from './registry/ccs.controller';
import { WorksController } from './works/works.controller';

const CONTROLLERS = [CcsController, ActivitiesController, GrievancesController, WorksController];

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

describe('the security service handlers', () => {
  it('serve every security message of the catalogue, each exactly once, and nothing else', () => {
    const ids = handled();
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(
      Object.values<AnyMessageDef>(SecurityMessages)
        .map((m) => m.id)
        .sort(),
    );
  });
});
