import {
  authorizeUrl,
  base64url,
  challengeOf,
  codeGrantBody,
  logoutUrl,
  needsRefresh,
  parseCallback,
  randomToken,
  refreshDelay,
  refreshGrantBody,
  tokenSetOf,
} from './pkce';

const issuer = 'http://127.0.0.1:8080/realms/prosmed';

describe('PKCE and OpenID Connect, the pure parts', () => {
  it('makes a 43-character base64url verifier and its S256 challenge (RFC 7636, appendix B)', async () => {
    const v = randomToken(32);
    expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(32)).not.toBe(v);
    expect(await challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
    expect(await challengeOf(v)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(base64url(new Uint8Array([251, 255]))).toBe('-_8');
  });

  it('asks Keycloak for a code with the S256 challenge, state, nonce and the chosen language', () => {
    const u = new URL(
      authorizeUrl({
        issuer,
        clientId: 'prosmed-web',
        redirectUri: 'http://127.0.0.1:3000/',
        state: 's1',
        nonce: 'n1',
        challenge: 'c1',
        lang: 'fr',
      }),
    );
    expect(u.origin + u.pathname).toBe(`${issuer}/protocol/openid-connect/auth`);
    expect(Object.fromEntries(u.searchParams)).toEqual({
      client_id: 'prosmed-web',
      response_type: 'code',
      redirect_uri: 'http://127.0.0.1:3000/',
      scope: 'openid',
      state: 's1',
      nonce: 'n1',
      code_challenge: 'c1',
      code_challenge_method: 'S256',
      ui_locales: 'fr',
    });
  });

  it('reads the answer: a code with its state, an error, or nothing of sign-in', () => {
    expect(parseCallback('?state=s1&session_state=x&code=abc')).toEqual({ code: 'abc', state: 's1' });
    expect(parseCallback('?error=access_denied&error_description=Refus&state=s1')).toEqual({
      error: 'Refus',
      state: 's1',
    });
    expect(parseCallback('?code=abc')).toBeUndefined();
    expect(parseCallback('')).toBeUndefined();
  });

  it('exchanges the code with the verifier, refreshes with the refresh token, public client (no secret)', () => {
    expect(
      Object.fromEntries(
        codeGrantBody({ clientId: 'prosmed-web', code: 'c', verifier: 'v', redirectUri: 'r' }),
      ),
    ).toEqual({
      grant_type: 'authorization_code',
      client_id: 'prosmed-web',
      code: 'c',
      code_verifier: 'v',
      redirect_uri: 'r',
    });
    expect(Object.fromEntries(refreshGrantBody({ clientId: 'prosmed-web', refreshToken: 'rt' }))).toEqual({
      grant_type: 'refresh_token',
      client_id: 'prosmed-web',
      refresh_token: 'rt',
    });
  });

  it('signs out with the id token as hint and comes back to the app', () => {
    const u = new URL(
      logoutUrl({ issuer, clientId: 'prosmed-web', idToken: 'idt', postLogout: 'http://127.0.0.1:3000/' }),
    );
    expect(u.pathname).toBe('/realms/prosmed/protocol/openid-connect/logout');
    expect(u.searchParams.get('id_token_hint')).toBe('idt');
    expect(u.searchParams.get('post_logout_redirect_uri')).toBe('http://127.0.0.1:3000/');
  });

  it('refreshes a 5-minute token after 4 minutes, before each call when under 30 s, keeping what a refresh omits', () => {
    const t = tokenSetOf(
      { access_token: 'a', refresh_token: 'r', id_token: 'i', expires_in: 300, refresh_expires_in: 1800 },
      1_000_000,
    );
    expect(t).toEqual({
      accessToken: 'a',
      refreshToken: 'r',
      idToken: 'i',
      expiresAt: 1_300_000,
      refreshExpiresAt: 2_800_000,
    });
    expect(refreshDelay(t, 1_000_000)).toBe(240_000);
    expect(refreshDelay(t, 1_299_000)).toBe(5_000);
    expect(needsRefresh(t, 1_000_000)).toBe(false);
    expect(needsRefresh(t, 1_275_000)).toBe(true);
    const next = tokenSetOf({ access_token: 'a2', expires_in: 300 }, 1_240_000, t);
    expect(next).toMatchObject({
      accessToken: 'a2',
      refreshToken: 'r',
      idToken: 'i',
      refreshExpiresAt: 2_800_000,
    });
  });
});
