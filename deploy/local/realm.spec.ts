import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_USERS, demoUsersOf } from './demo-users';
import { StackError } from './errors';
import { parseRealm, REALM_ROLES, SCOPE_ATTRIBUTES, validateRealm, type RealmExport } from './realm';

const file = join(__dirname, '..', 'keycloak', 'prosmed-realm.json');
const text = readFileSync(file, 'utf8');
const fresh = (): RealmExport => JSON.parse(text) as RealmExport;

describe('the prosmed realm file', () => {
  const realm = fresh();

  it('is valid: roles, user profile, mappers, clients, demo users', () => {
    expect(validateRealm(realm)).toEqual([]);
  });

  it('declares every platform role', () => {
    expect((realm.roles?.realm ?? []).map((r) => r.name).sort()).toEqual([...REALM_ROLES].sort());
  });

  it('has local-dev token settings', () => {
    expect(realm.sslRequired).toBe('none');
    expect(realm.accessTokenLifespan).toBe(300);
  });

  it('puts the API audience on prosmed-api and prosmed-web only', () => {
    const audienceOf = (id: string) =>
      (realm.clients ?? [])
        .find((c) => c.clientId === id)
        ?.protocolMappers?.some((m) => m.protocolMapper === 'oidc-audience-mapper');
    expect(audienceOf('prosmed-api')).toBe(true);
    expect(audienceOf('prosmed-web')).toBe(true);
    expect(audienceOf('prosmed-other')).toBe(false);
  });

  it('maps each scope attribute into access tokens on the API client', () => {
    const api = (realm.clients ?? []).find((c) => c.clientId === 'prosmed-api');
    for (const a of SCOPE_ATTRIBUTES) {
      const m = api?.protocolMappers?.find((x) => x.config?.['user.attribute'] === a);
      expect(m).toMatchObject({
        protocolMapper: 'oidc-usermodel-attribute-mapper',
        config: { 'claim.name': a, 'jsonType.label': 'String', 'access.token.claim': 'true' },
      });
    }
  });

  it('has the web client public with PKCE S256 and local redirect URIs', () => {
    const web = (realm.clients ?? []).find((c) => c.clientId === 'prosmed-web');
    expect(web?.publicClient).toBe(true);
    expect(web?.standardFlowEnabled).toBe(true);
    expect(web?.attributes?.['pkce.code.challenge.method']).toBe('S256');
    expect(web?.redirectUris).toEqual(
      expect.arrayContaining(['http://127.0.0.1:3000/*', 'http://localhost:3000/*']),
    );
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
      'secretaire.segou',
      'secretaire.san',
      'greffier.segou',
      'greffier.san',
      'ccs.segou',
      'pf.oclei',
      'snlcc.sp',
    ]);
    expect(DEMO_USERS.find((u) => u.username === 'secretaire.segou')).toMatchObject({
      password: 'prosmed',
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
