import 'reflect-metadata';
import { isPermission } from '@prosmed/auth';
import { CATALOGUE, DomainError, ERROR_CATALOGUE, pathFieldsOf } from '@prosmed/contracts';
import { validatePayload } from '@prosmed/messaging';

/** The catalogue is the contract of every route: these checks keep each entry honest. */
describe('the message catalogue', () => {
  it('names each message once', () => {
    const ids = CATALOGUE.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of CATALOGUE) expect(m.id).toMatch(/^[a-z]+\.[a-z-]+\.[a-z-]+\.v\d+$/);
  });

  it.each(CATALOGUE.map((m) => [m.id, m] as const))(
    '%s: a known permission and known error codes',
    (_, m) => {
      expect(m.permission === 'public' || isPermission(m.permission)).toBe(true);
      for (const code of m.errors) expect(ERROR_CATALOGUE).toHaveProperty(code);
    },
  );

  it.each(CATALOGUE.filter((m) => m.http).map((m) => [m.id, m] as const))(
    '%s: its documented example passes validation, path fields included',
    (_, m) => {
      const example = m.http!.example as Record<string, unknown>;
      let error: unknown;
      try {
        validatePayload(m.request, JSON.parse(JSON.stringify(example)));
      } catch (err) {
        error = err;
      }
      expect(error instanceof DomainError ? error.details : error).toBeUndefined();
      for (const field of pathFieldsOf(m.http!.path)) expect(example).toHaveProperty(field);
    },
  );

  it('keys every command by the record it changes, so changes to one record stay in order', () => {
    for (const m of CATALOGUE.filter((c) => c.kind === 'command')) {
      expect(typeof m.key).toBe('function');
      expect(typeof m.key!(m.http!.example)).toBe('string');
    }
  });
});
