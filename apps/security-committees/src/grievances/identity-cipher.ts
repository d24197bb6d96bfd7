import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigError } from '@prosmed/config';

/**
 * Encryption at rest of a complainant's identity (AES-256-GCM). The stored text is
 * `<keyId>:<iv>:<tag>:<ciphertext>` (base64 parts), so rows written under an older key stay readable after
 * the current key changes, and `npm run ccs:rotate-key` re-encrypts them with the current one. The
 * grievance id is the additional authenticated data: a ciphertext copied onto another row does not open.
 */
export interface IdentityKeys {
  /** Id of the key new rows are written with (the first of `CCS_IDENTITY_KEYS`). */
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/**
 * The development key, used only when NODE_ENV is not `production` and `CCS_IDENTITY_KEYS` is unset.
 * Public (it is in the source): it protects nothing but lets a developer's machine and the tests run.
 */
export const DEV_IDENTITY_KEYS = 'dev:ZGV2ZWxvcG1lbnQta2V5LW5vdC1mb3ItcHJvZHVjdGk=';

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Parses `id:base64key,id:base64key` (current first); each key is 32 bytes. */
export function parseIdentityKeys(raw: string): IdentityKeys {
  const keys = new Map<string, Buffer>();
  let currentId: string | undefined;
  for (const entry of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const sep = entry.indexOf(':');
    const id = entry.slice(0, sep);
    const key = Buffer.from(entry.slice(sep + 1), 'base64');
    // Never the key itself in a message: only its id and what is wrong with it.
    if (sep < 1 || !KEY_ID.test(id))
      throw new ConfigError('CCS_IDENTITY_KEYS: each entry is keyId:base64key');
    if (key.length !== 32) throw new ConfigError(`CCS_IDENTITY_KEYS: key ${id} must be 32 bytes (base64)`);
    if (keys.has(id)) throw new ConfigError(`CCS_IDENTITY_KEYS: key id ${id} is repeated`);
    keys.set(id, key);
    currentId ??= id;
  }
  if (!currentId) throw new ConfigError('CCS_IDENTITY_KEYS holds no key');
  return { currentId, keys };
}

/** From the environment; in production a missing `CCS_IDENTITY_KEYS` stops the service. */
export function loadIdentityKeys(src: Record<string, string | undefined>): IdentityKeys {
  const raw = src.CCS_IDENTITY_KEYS?.trim();
  if (raw) return parseIdentityKeys(raw);
  if (src.NODE_ENV === 'production') {
    throw new ConfigError('CCS_IDENTITY_KEYS is required in production (keyId:base64 of 32 random bytes)');
  }
  return parseIdentityKeys(DEV_IDENTITY_KEYS);
}

/** Thrown when a stored identity does not open: unknown key id, wrong key, or tampered text. */
export class IdentityUnreadable extends Error {
  override readonly name = 'IdentityUnreadable';
}

export class IdentityCipher {
  constructor(private readonly k: IdentityKeys) {}

  get currentKeyId(): string {
    return this.k.currentId;
  }

  encrypt(plain: unknown, aad: string): string {
    const key = this.k.keys.get(this.k.currentId) as Buffer;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ct = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [this.k.currentId, iv.toString('base64'), tag.toString('base64'), ct.toString('base64')].join(':');
  }

  decrypt<T>(stored: string, aad: string): T {
    const [id, iv, tag, ct] = stored.split(':');
    const key = id === undefined ? undefined : this.k.keys.get(id);
    if (!key || iv === undefined || tag === undefined || ct === undefined) {
      throw new IdentityUnreadable(`identity under unknown key ${id ?? '?'}`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as T;
    } catch {
      throw new IdentityUnreadable(`identity does not open with key ${id}`);
    }
  }

  /** The key id a stored text was written with. */
  static keyIdOf(stored: string): string {
    return stored.slice(0, stored.indexOf(':'));
  }

  /** The same identity under the current key (unchanged when it already is). */
  reencrypt(stored: string, aad: string): string {
    if (IdentityCipher.keyIdOf(stored) === this.k.currentId) return stored;
    return this.encrypt(this.decrypt(stored, aad), aad);
  }
}
