import { ConfigError } from './env';
import { LOCAL_PUBLIC_BASE_URL, loadPublicBaseUrl } from './public-url';

describe('PUBLIC_BASE_URL', () => {
  it('defaults to the local gateway outside production', () => {
    expect(loadPublicBaseUrl({})).toBe(LOCAL_PUBLIC_BASE_URL);
    expect(loadPublicBaseUrl({ NODE_ENV: 'test', PUBLIC_BASE_URL: '  ' })).toBe('http://127.0.0.1:3000');
  });

  it('keeps a path prefix and drops trailing slashes', () => {
    expect(loadPublicBaseUrl({ PUBLIC_BASE_URL: 'https://prosmed.example.ml/' })).toBe(
      'https://prosmed.example.ml',
    );
    expect(loadPublicBaseUrl({ PUBLIC_BASE_URL: 'https://justice.example.ml/prosmed//' })).toBe(
      'https://justice.example.ml/prosmed',
    );
    expect(
      loadPublicBaseUrl({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://Prosmed.Example.ML:8443' }),
    ).toBe('https://prosmed.example.ml:8443');
  });

  it('has no default in production: the address printed on PVs is always chosen', () => {
    expect(() => loadPublicBaseUrl({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadPublicBaseUrl({ NODE_ENV: 'production' })).toThrow(/PUBLIC_BASE_URL is required/);
  });

  it.each(['prosmed.example.ml', 'ftp://prosmed.example.ml', 'https://x.ml/?a=1', 'https://u:p@x.ml'])(
    'refuses %s in one line that names the variable',
    (bad) => {
      expect(() => loadPublicBaseUrl({ PUBLIC_BASE_URL: bad })).toThrow(/^PUBLIC_BASE_URL must be/);
    },
  );
});
