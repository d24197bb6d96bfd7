import 'reflect-metadata';
import { type AnyMessageDef, SecurityMessages } from '@prosmed/contracts';
import { handledMessageIds } from '@prosmed/messaging';
import { AppModule } from './app.module';

describe('the security service handlers', () => {
  it('serve every security message of the catalogue, each exactly once, and nothing else', () => {
    const ids = Object.values<AnyMessageDef>(SecurityMessages).map((m) => m.id);
    expect(handledMessageIds(AppModule).sort()).toEqual(ids.sort());
  });
});
