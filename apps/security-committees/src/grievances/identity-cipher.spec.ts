import { randomBytes } from 'node:crypto';
import { ConfigError } from '@prosmed/config';
import {
  DEV_IDENTITY_KEYS,
  IdentityCipher,
  IdentityUnreadable,
  loadIdentityKeys,
  parseIdentityKeys,
} from './identity-cipher';

const key = () => randomBytes(32).toString('base64');
const who = { name: 'Awa Diarra', phone: '+223 76 00 00 00', note: null };

describe('the complainant identity cipher (AES-256-GCM)', () => {
  const k1 = `k1:${key()}`;
  const k2 = `k2:${key()}`;

  it('round-trips, and the stored text holds nothing of the identity', () => {
    const c = new IdentityCipher(parseIdentityKeys(k1));
    const stored = c.encrypt(who, 'grievance-1');
    expect(stored.startsWith('k1:')).toBe(true);
    expect(stored).not.toContain('Awa');
    expect(stored).not.toContain('76 00');
    expect(c.decrypt(stored, 'grievance-1')).toEqual(who);
    // A fresh IV each time: the same identity never gives the same text.
    expect(c.encrypt(who, 'grievance-1')).not.toBe(stored);
  });

  it('does not open with a wrong key, another row’s id, or tampered text', () => {
    const stored = new IdentityCipher(parseIdentityKeys(k1)).encrypt(who, 'g1');
    const wrong = new IdentityCipher(parseIdentityKeys(`k1:${key()}`));
    expect(() => wrong.decrypt(stored, 'g1')).toThrow(IdentityUnreadable);
    const right = new IdentityCipher(parseIdentityKeys(k1));
    expect(() => right.decrypt(stored, 'g2')).toThrow(IdentityUnreadable);
    const parts = stored.split(':');
    parts[3] = Buffer.from('x'.repeat(20)).toString('base64');
    expect(() => right.decrypt(parts.join(':'), 'g1')).toThrow(IdentityUnreadable);
    expect(() => new IdentityCipher(parseIdentityKeys(k2)).decrypt(stored, 'g1')).toThrow(/unknown key k1/);
  });

  it('rotates: old rows stay readable with the old key listed second, and re-encrypt under the new one', () => {
    const old = new IdentityCipher(parseIdentityKeys(k1)).encrypt(who, 'g1');
    const rotated = new IdentityCipher(parseIdentityKeys(`${k2},${k1}`));
    expect(rotated.currentKeyId).toBe('k2');
    expect(rotated.decrypt(old, 'g1')).toEqual(who);
    const fresh = rotated.reencrypt(old, 'g1');
    expect(IdentityCipher.keyIdOf(fresh)).toBe('k2');
    expect(rotated.reencrypt(fresh, 'g1')).toBe(fresh);
    // Once rotated, the old key can go.
    expect(new IdentityCipher(parseIdentityKeys(k2)).decrypt(fresh, 'g1')).toEqual(who);
  });

  it('refuses bad key lists without printing a key, and needs a key in production', () => {
    expect(() => parseIdentityKeys('k1:c2hvcnQ=')).toThrow(/k1 must be 32 bytes/);
    expect(() => parseIdentityKeys(`${k1},${k1}`)).toThrow(/repeated/);
    expect(() => parseIdentityKeys('nokey')).toThrow(ConfigError);
    expect(() => parseIdentityKeys(' , ')).toThrow(/no key/);
    expect(() => loadIdentityKeys({ NODE_ENV: 'production' })).toThrow(/required in production/);
    expect(loadIdentityKeys({ NODE_ENV: 'test' }).currentId).toBe(DEV_IDENTITY_KEYS.split(':')[0]);
    expect(loadIdentityKeys({ NODE_ENV: 'production', CCS_IDENTITY_KEYS: k2 }).currentId).toBe('k2');
  });
});
