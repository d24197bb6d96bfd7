import 'reflect-metadata';
import { LandMessages, type AnyMessageDef } from '@prosmed/contracts';
import { MESSAGE_DEF } from '@prosmed/messaging';
import { CasesController } from './cases/cases.controller';
import { PlacesController } from './places/places.controller';
import { CofoController } from './registry/cofo/cofo.controller';
import { TribunalController } from './registry/tribunals/tribunal.controller';

const CONTROLLERS = [CasesController, PlacesController, CofoController, TribunalController];

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

describe('the land service handlers', () => {
  it('serve every land message of the catalogue, each exactly once, and nothing else', () => {
    const ids = handled();
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(
      Object.values(LandMessages)
        .map((m) => m.id)
        .sort(),
    );
  });
});
