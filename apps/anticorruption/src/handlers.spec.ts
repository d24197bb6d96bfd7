import 'reflect-metadata';
import { type AnyMessageDef, AnticorruptionMessages } from '@prosmed/contracts';
import { handledMessageIds } from '@prosmed/messaging';
import { AppModule } from './app.module';

describe('the anticorruption service handlers', () => {
  it('serve every anticorruption message of the catalogue, each exactly once, and nothing else', () => {
    const ids = Object.values<AnyMessageDef>(AnticorruptionMessages).map((m) => m.id);
    expect(handledMessageIds(AppModule).sort()).toEqual(ids.sort());
  });
});
