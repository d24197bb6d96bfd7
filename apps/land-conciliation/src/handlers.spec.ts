import 'reflect-metadata';
import { type AnyMessageDef, LandMessages } from '@prosmed/contracts';
import { handledMessageIds } from '@prosmed/messaging';
import { AppModule } from './app.module';

describe('the land service handlers', () => {
  it('serve every land message of the catalogue, each exactly once, and nothing else', () => {
    const ids = Object.values<AnyMessageDef>(LandMessages).map((m) => m.id);
    expect(handledMessageIds(AppModule).sort()).toEqual(ids.sort());
  });
});
