import { loadDevTokenClient } from '@prosmed/config';
import { demoUser } from '../../deploy/local/demo-users';

export interface TokenSourceOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
}

/**
 * A Keycloak access token (password grant), refreshed in the background when 60 % of its lifespan is
 * gone (the realm's lifespan is 300 s): requests read `current` and never wait for Keycloak. Refreshes
 * use the refresh token: a password grant makes Keycloak hash the password (PBKDF2), tens of ms of its
 * CPU, and with one secretary per writer that would land in the middle of the measured phases.
 */
export class TokenSource {
  private token = '';
  private refreshToken?: string;
  private timer?: NodeJS.Timeout;

  constructor(private readonly opts: TokenSourceOptions) {}

  get current(): string {
    return this.token;
  }

  async start(): Promise<void> {
    const lifespan = await this.fetch();
    this.schedule(lifespan);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private schedule(lifespanSec: number): void {
    this.timer = setTimeout(
      () => {
        this.fetch().then(
          (l) => this.schedule(l),
          (err: unknown) => {
            process.stderr.write(`bench: token refresh failed (${String(err)}); retrying in 5 s\n`);
            this.schedule(5 / 0.6);
          },
        );
      },
      Math.max(1000, lifespanSec * 600),
    );
    this.timer.unref();
  }

  private async fetch(): Promise<number> {
    if (this.refreshToken) {
      const refreshed = await this.grant({ grant_type: 'refresh_token', refresh_token: this.refreshToken });
      if (refreshed !== undefined) return refreshed;
      this.refreshToken = undefined; // session gone (Keycloak restarted, idle timeout): log in again
    }
    const lifespan = await this.grant({
      grant_type: 'password',
      username: this.opts.username,
      password: this.opts.password,
      scope: 'openid',
    });
    if (lifespan === undefined) throw new Error(`Keycloak refused a token for ${this.opts.username}`);
    return lifespan;
  }

  /** The token's lifespan in seconds, or `undefined` when Keycloak said no. */
  private async grant(params: Record<string, string>): Promise<number | undefined> {
    const res = await fetch(`${this.opts.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({
        ...params,
        client_id: this.opts.clientId,
        client_secret: this.opts.clientSecret,
      }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await res.json().catch(() => ({}))) as {
      access_token?: string;
      refresh_token?: string;
      expires_in?: number;
    };
    if (!res.ok || !body.access_token) return undefined;
    this.token = body.access_token;
    this.refreshToken = body.refresh_token;
    return body.expires_in ?? 300;
  }
}

/**
 * The realm's development client, the only one that accepts the password grant (`prosmed-dev`,
 * development secret), for `issuer`: the bench's tokens, like `npm run token`'s and the tests'.
 */
export function devTokenClient(issuer: string): { issuer: string; clientId: string; clientSecret: string } {
  const c = loadDevTokenClient();
  return { issuer, clientId: c.clientId, clientSecret: c.clientSecret };
}

/** A token source for a demo user of the realm file (its documented development password). */
export function demoTokenSource(issuer: string, username: string): TokenSource {
  const user = demoUser(username);
  if (!user) throw new Error(`no demo user ${username} in deploy/keycloak/prosmed-realm.json`);
  return new TokenSource({ ...devTokenClient(issuer), username, password: user.password });
}
