import { DirectModule } from './direct.module';
import { directIdentity, isLoopback, loadDirectSettings } from './direct.settings';

describe('direct routes (benchmark only)', () => {
  it('are off unless LAND_DIRECT_HTTP is true', () => {
    expect(loadDirectSettings({}).enabled).toBe(false);
    expect(DirectModule.ifEnabled({})).toEqual([]);
    expect(DirectModule.ifEnabled({ LAND_DIRECT_HTTP: 'false' })).toEqual([]);
    expect(DirectModule.ifEnabled({ LAND_DIRECT_HTTP: 'true' })).toEqual([DirectModule]);
    expect(() => loadDirectSettings({ LAND_DIRECT_HTTP: 'maybe' })).toThrow(/LAND_DIRECT_HTTP/);
  });

  it('act as one fixed CoFo secretary from the environment', () => {
    expect(loadDirectSettings({}).identity).toEqual({
      sub: 'direct-http:secretaire.segou',
      username: 'secretaire.segou',
      roles: ['cofo-secretary'],
      cofoId: 'SEG01',
    });
    expect(loadDirectSettings({}).cofoIds).toEqual(['SEG01']);
    expect(
      loadDirectSettings({ LAND_DIRECT_USER: 'secretaire.san', LAND_DIRECT_COFO: 'SAN01' }).identity,
    ).toMatchObject({ username: 'secretaire.san', cofoId: 'SAN01' });
  });

  it('let a call name one of the listed CoFos, and only those', () => {
    const s = loadDirectSettings({ LAND_DIRECT_COFO: 'SEG01,BENCH-001,BENCH-002' });
    expect(s.identity.cofoId).toBe('SEG01');
    expect(directIdentity(s, undefined)).toBe(s.identity);
    expect(directIdentity(s, 'BENCH-002')).toEqual({ ...s.identity, cofoId: 'BENCH-002' });
    expect(directIdentity(s, 'SAN01')).toBeUndefined();
    expect(directIdentity(loadDirectSettings({}), 'BENCH-001')).toBeUndefined();
  });

  it('answer loopback peers only', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a)).toBe(true);
    for (const a of [undefined, '', '10.0.0.5', '::ffff:192.168.1.2', 'fe80::1', '1127.0.0.1']) {
      expect(isLoopback(a)).toBe(false);
    }
  });
});
