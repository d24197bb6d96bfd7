import { loadDevTokenClient } from './dev-client';

describe('the development token client', () => {
  it('is prosmed-dev with its development secret unless told otherwise', () => {
    expect(loadDevTokenClient({})).toEqual({ clientId: 'prosmed-dev', clientSecret: 'prosmed-dev-secret' });
    expect(
      loadDevTokenClient({ KEYCLOAK_DEV_CLIENT_ID: 'x-dev', KEYCLOAK_DEV_CLIENT_SECRET: 's3cret' }),
    ).toEqual({ clientId: 'x-dev', clientSecret: 's3cret' });
  });
});
