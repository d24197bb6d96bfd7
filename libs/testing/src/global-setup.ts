import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Jest global setup of the integration project: a real stack and the platform database. It runs in a
 * child process under tsx because jest's module mapping (the `@prosmed/*` aliases) does not apply here.
 */
export default function globalSetup(): void {
  const res = spawnSync(
    process.execPath,
    [require.resolve('tsx/cli'), path.join(__dirname, 'ensure-stack.ts')],
    {
      stdio: 'inherit',
      timeout: 20 * 60_000,
    },
  );
  if (res.status !== 0) throw new Error(`The real stack is not available (exit ${res.status ?? res.signal})`);
}
