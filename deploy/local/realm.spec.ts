import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_USERS, demoUsersOf } from './demo-users';
import { StackError } from './errors';
import {
  parseRealm,
  passwordPolicies,
  passwordPolicyProblems,
  REALM_ROLES,
  realmFingerprint,
  realmVersion,
  SCOPE_ATTRIBUTES,
  validateRealm,
  type RealmExport,
} from './realm';

const file = join(__dirname, '..', 'keycloak', 'prosmed-realm.json');
const text = readFileSync(file, 'utf8');
const fresh = (): RealmExport => JSON.parse(text) as RealmExport;

/**
 * The realm file's version and the fingerprint of its content. The stack runner updates a running realm
 * only when the file's `prosmed.realmVersion` is higher than the realm's: when you change the file, add 1
 * to the version and put the new fingerprint here (the failing test prints it).
 */
const RECORDED = {
  version: 5,
  fingerprint: 'd6a312aa62a599afdaaea08635f05c26665549690c6a68070a30de7fa9109666',
};

describe('the prosmed realm file', () => {
  const realm = fresh();

  it('is valid: roles, user profile, mappers, clients, demo users', () => {
    expect(validateRealm(realm)).toEqual([]);
  });

  it('declares every platform role', () => {
    expect((realm.roles?.realm ?? []).map((r) => r.name).sort()).toEqual([...REALM_ROLES].sort());
  });

  it('has a new version number whenever its content changes', () => {
    const now = { version: realmVersion(realm), fingerprint: realmFingerprint(realm) };
    if (now.fingerprint !== RECORDED.fingerprint && now.version === RECORDED.version) {
      throw new Error(
        `deploy/keycloak/prosmed-realm.json changed but its attributes["prosmed.realmVersion"] is still ${now.version}: ` +
          `running realms would keep the old settings. Set it to ${now.version + 1}, and RECORDED in this test to ` +
          JSON.stringify({ version: now.version + 1, fingerprint: now.fingerprint }),
      );
    }
    expect(now).toEqual(RECORDED);
  });

  it('keeps token settings that work locally and in production', () => {
    // `external`: plain HTTP only from loopback and private addresses (a developer, Compose), HTTPS elsewhere.
    expect(realm.sslRequired).toBe('external');
    expect(realm.accessTokenLifespan).toBe(300);
    expect(realmVersion(realm)).toBeGreaterThanOrEqual(2);
  });

  it('signs in in French by default, English selectable, with the programme on the page', () => {
    expect(realm).toMatchObject({
      internationalizationEnabled: true,
      defaultLocale: 'fr',
      displayName: 'PROSMED',
    });
    expect([...(realm.supportedLocales ?? [])].sort()).toEqual(['en', 'fr']);
    expect(realm.displayNameHtml).toContain('PROSMED');
    expect(realm.displayNameHtml).toContain('stabilisation du Mali');
  });

  it('locks an account for a while after 5 bad passwords, never for good', () => {
    expect(realm).toMatchObject({
      bruteForceProtected: true,
      permanentLockout: false,
      failureFactor: 5,
      waitIncrementSeconds: 60,
      maxFailureWaitSeconds: 900,
    });
  });

  it('has a password policy: 12 characters or more, not the username or e-mail, a history', () => {
    const p = passwordPolicies(realm.passwordPolicy);
    expect(Number(p.get('length'))).toBeGreaterThanOrEqual(12);
    expect(p.has('notUsername')).toBe(true);
    expect(p.has('notEmail')).toBe(true);
    expect(Number(p.get('passwordHistory'))).toBeGreaterThanOrEqual(1);
  });

  it('saves login and admin events for 90 days', () => {
    expect(realm).toMatchObject({
      eventsEnabled: true,
      adminEventsEnabled: true,
      adminEventsDetailsEnabled: true,
    });
    expect(realm.eventsExpiration).toBe(90 * 24 * 3600);
    expect(realm.attributes?.adminEventsExpiration).toBe(String(90 * 24 * 3600));
  });

  it('gives the password grant to the development client (and the foreign stand-in) only', () => {
    const grants = (realm.clients ?? []).filter((c) => c.directAccessGrantsEnabled).map((c) => c.clientId);
    expect(grants.sort()).toEqual(['prosmed-dev', 'prosmed-other']);
    const dev = (realm.clients ?? []).find((c) => c.clientId === 'prosmed-dev');
    expect(dev).toMatchObject({
      publicClient: false,
      secret: 'prosmed-dev-secret',
      standardFlowEnabled: false,
      serviceAccountsEnabled: false,
    });
    expect(dev?.protocolMappers?.some((m) => m.protocolMapper === 'oidc-audience-mapper')).toBe(true);
  });

  it('puts the API audience on prosmed-api, prosmed-web and prosmed-dev only', () => {
    const audienceOf = (id: string) =>
      (realm.clients ?? [])
        .find((c) => c.clientId === id)
        ?.protocolMappers?.some((m) => m.protocolMapper === 'oidc-audience-mapper');
    expect(audienceOf('prosmed-api')).toBe(true);
    expect(audienceOf('prosmed-web')).toBe(true);
    expect(audienceOf('prosmed-dev')).toBe(true);
    expect(audienceOf('prosmed-other')).toBe(false);
  });

  it('maps each scope attribute into access tokens on the API and development clients', () => {
    for (const id of ['prosmed-api', 'prosmed-dev']) {
      const client = (realm.clients ?? []).find((c) => c.clientId === id);
      for (const a of SCOPE_ATTRIBUTES) {
        const m = client?.protocolMappers?.find((x) => x.config?.['user.attribute'] === a);
        expect(m).toMatchObject({
          protocolMapper: 'oidc-usermodel-attribute-mapper',
          config: { 'claim.name': a, 'jsonType.label': 'String', 'access.token.claim': 'true' },
        });
      }
    }
  });

  it('has the web client public, code flow with PKCE S256 only, and exact local redirect URIs', () => {
    const web = (realm.clients ?? []).find((c) => c.clientId === 'prosmed-web');
    expect(web?.publicClient).toBe(true);
    expect(web?.standardFlowEnabled).toBe(true);
    expect(web?.directAccessGrantsEnabled).toBe(false);
    expect(web?.attributes?.['pkce.code.challenge.method']).toBe('S256');
    expect([...(web?.redirectUris ?? [])].sort()).toEqual([
      'http://127.0.0.1:3000/',
      'http://127.0.0.1:3000/api/docs/oauth2-redirect.html',
      // The web app's browser tests (test/web): a gateway of their own on one of these ports.
      'http://127.0.0.1:3191/',
      'http://127.0.0.1:3192/',
      'http://127.0.0.1:3193/',
      'http://127.0.0.1:3194/',
      'http://127.0.0.1:3195/',
      'http://localhost:3000/',
      'http://localhost:3000/api/docs/oauth2-redirect.html',
    ]);
  });
});

describe('realm validation catches', () => {
  it('an undeclared role', () => {
    const r = fresh();
    r.roles!.realm = r.roles!.realm!.filter((x) => x.name !== 'focal-point');
    expect(validateRealm(r)).toEqual(
      expect.arrayContaining([
        'realm role focal-point is not declared',
        'user pf.oclei has undeclared role focal-point',
      ]),
    );
  });

  it('realm settings of a demo, as the realm had them before', () => {
    const r = fresh();
    Object.assign(r, {
      sslRequired: 'none',
      bruteForceProtected: false,
      passwordPolicy: undefined,
      eventsEnabled: false,
      adminEventsEnabled: false,
      internationalizationEnabled: false,
    });
    delete r.attributes;
    expect(validateRealm(r)).toEqual(
      expect.arrayContaining([
        'attribute prosmed.realmVersion must be a positive integer',
        'sslRequired must be external (or all): HTTPS for every address but private ones',
        'internationalization must be on, French by default, English selectable',
        'brute-force protection must be on, with a temporary lockout after failureFactor failures',
        'password policy must require length(12) or more',
        'password policy must refuse the username (notUsername)',
        'password policy must keep a passwordHistory',
        'login events must be saved (eventsEnabled) with a retention (eventsExpiration)',
        'admin events must be saved (adminEventsEnabled) with a retention (attributes.adminEventsExpiration)',
      ]),
    );
  });

  it('the password grant on the web or API client, and wildcard redirect URIs', () => {
    const r = fresh();
    const web = r.clients!.find((c) => c.clientId === 'prosmed-web')!;
    r.clients!.find((c) => c.clientId === 'prosmed-api')!.directAccessGrantsEnabled = true;
    web.directAccessGrantsEnabled = true;
    web.redirectUris = ['http://127.0.0.1:3000/*'];
    expect(validateRealm(r)).toEqual(
      expect.arrayContaining([
        'client prosmed-api must not allow the password grant (only prosmed-dev, prosmed-other)',
        'client prosmed-web must not allow the password grant (only prosmed-dev, prosmed-other)',
        'client prosmed-web must list exact redirect URIs (no wildcard)',
        "client prosmed-web must redirect to Swagger UI's /api/docs/oauth2-redirect.html",
      ]),
    );
  });

  it('a demo password the policy refuses, or two different demo passwords', () => {
    const r = fresh();
    r.users![0].credentials![0].value = 'prosmed';
    r.users![1].credentials![0].value = r.users![1].username;
    const problems = validateRealm(r);
    expect(problems).toContain(
      `user ${r.users![0].username}'s password breaks the password policy: shorter than 12`,
    );
    expect(problems).toContain(
      `user ${r.users![1].username}'s password breaks the password policy: shorter than 12, equal to the username`,
    );
    expect(problems).toContain('the demo users must share one development password');
  });

  it('a demo user without names or with a temporary password', () => {
    const r = fresh();
    delete r.users![0].lastName;
    r.users![1].credentials![0].temporary = true;
    r.users![2].requiredActions = ['UPDATE_PASSWORD'];
    const problems = validateRealm(r);
    expect(problems).toContain(`user ${r.users![0].username} needs email, firstName and lastName`);
    expect(problems).toContain(`user ${r.users![1].username} needs a non-temporary password`);
    expect(problems).toContain(`user ${r.users![2].username} must have no required actions`);
  });

  it('a missing attribute mapper', () => {
    const r = fresh();
    const api = r.clients!.find((c) => c.clientId === 'prosmed-api')!;
    api.protocolMappers = api.protocolMappers!.filter((m) => m.config?.['user.attribute'] !== 'ccs_id');
    expect(validateRealm(r)).toContain('client prosmed-api does not map attribute ccs_id into access tokens');
  });

  it('the audience mapper on the foreign client, or missing on the web client', () => {
    const r = fresh();
    const web = r.clients!.find((c) => c.clientId === 'prosmed-web')!;
    const other = r.clients!.find((c) => c.clientId === 'prosmed-other')!;
    const audience = web.protocolMappers!.find((m) => m.protocolMapper === 'oidc-audience-mapper')!;
    other.protocolMappers!.push(audience);
    web.protocolMappers = web.protocolMappers!.filter((m) => m !== audience);
    expect(validateRealm(r)).toEqual(
      expect.arrayContaining([
        'client prosmed-web lacks the prosmed-api audience mapper',
        'client prosmed-other must not put prosmed-api in aud',
      ]),
    );
  });

  it('an attribute missing from the user profile', () => {
    const r = fresh();
    const comp = r.components!['org.keycloak.userprofile.UserProfileProvider'][0];
    const cfg = JSON.parse(comp.config!['kc.user.profile.config'][0]) as { attributes: { name: string }[] };
    cfg.attributes = cfg.attributes.filter((a) => a.name !== 'structure_id');
    comp.config!['kc.user.profile.config'] = [JSON.stringify(cfg)];
    expect(validateRealm(r)).toContain('user profile does not declare attribute structure_id');
  });

  it('a file that is not JSON or not the prosmed realm, in one line', () => {
    expect(() => parseRealm('{ nope', 'x.json')).toThrow(StackError);
    expect(() => parseRealm('{ nope', 'x.json')).toThrow(/^x\.json is not valid JSON/);
    expect(() => parseRealm('{"realm":"master"}', 'x.json')).toThrow(
      'x.json does not define realm "prosmed"',
    );
  });
});

describe('demo users', () => {
  it('come from the realm file, with roles, scope attributes and passwords', () => {
    expect(DEMO_USERS.map((u) => u.username)).toEqual([
      'admin.prosmed',
      'manager',
      'suivi.evaluation',
      'secretaire.segou',
      'secretaire.san',
      'greffier.segou',
      'greffier.san',
      'ccs.segou',
      'ccs.nara',
      'pf.oclei',
      'pf.justice',
      'snlcc.sp',
      'copil.membre',
    ]);
    expect(DEMO_USERS.find((u) => u.username === 'secretaire.segou')).toMatchObject({
      // The one documented development password (README, "Demo users").
      password: 'prosmed-local-dev',
      roles: ['cofo-secretary'],
      attributes: { cofo_id: 'SEG01' },
    });
    expect(DEMO_USERS.find((u) => u.username === 'greffier.san')?.attributes).toEqual({
      tribunal_id: 'TI-SAN',
    });
    expect(DEMO_USERS.find((u) => u.username === 'pf.oclei')?.attributes).toEqual({ structure_id: 'OCLEI' });
  });

  it('are what demoUsersOf reads from a parsed realm', () => {
    expect(demoUsersOf(fresh())).toEqual(DEMO_USERS);
  });
});

describe('the password policy as the file can check it', () => {
  const policy = 'length(12) and maxLength(128) and notUsername and notEmail and passwordHistory(5)';

  it("reads Keycloak's policy string, with or without parentheses", () => {
    expect([...passwordPolicies(policy)]).toEqual([
      ['length', '12'],
      ['maxLength', '128'],
      ['notUsername', undefined],
      ['notEmail', undefined],
      ['passwordHistory', '5'],
    ]);
    expect(passwordPolicies('length(8) and notUsername()').get('notUsername')).toBeUndefined();
    expect(passwordPolicies(undefined).size).toBe(0);
  });

  it('says what is wrong with a password', () => {
    const user = { username: 'secretaire.segou', email: 'secretaire.segou@prosmed.example.org' };
    expect(passwordPolicyProblems(policy, 'prosmed-local-dev', user)).toEqual([]);
    expect(passwordPolicyProblems(policy, 'prosmed', user)).toEqual(['shorter than 12']);
    expect(passwordPolicyProblems(policy, 'Secretaire.Segou', user)).toEqual(['equal to the username']);
    expect(passwordPolicyProblems(policy, user.email, user)).toEqual(['equal to the e-mail']);
    expect(passwordPolicyProblems(policy, 'x'.repeat(129), user)).toEqual(['longer than 128']);
  });
});
