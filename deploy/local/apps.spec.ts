import { APPS } from '@prosmed/config';
import { planAppStarts, type AppState } from './apps';

const land = APPS.find((a) => a.name === 'land-conciliation')!;
const gateway = APPS.find((a) => a.name === 'gateway')!;

const states =
  (m: Record<string, AppState>) =>
  (app: { name: string }): AppState =>
    m[app.name] ?? { running: false, healthy: false };

describe('npm start: which apps it starts', () => {
  it('starts a missing service and leaves a healthy running gateway alone', () => {
    const plan = planAppStarts(
      [land, gateway],
      states({
        gateway: { running: true, healthy: true },
        'land-conciliation': { running: false, healthy: false },
      }),
    );
    expect(plan.start.map((a) => a.name)).toEqual(['land-conciliation']);
    expect(plan.keep).toEqual([{ app: gateway, healthy: true }]);
  });

  it('starts everything when nothing runs, in the given order (services, then the gateway)', () => {
    const plan = planAppStarts([land, gateway], states({}));
    expect(plan.start.map((a) => a.name)).toEqual(['land-conciliation', 'gateway']);
    expect(plan.keep).toEqual([]);
  });

  it('starts nothing when everything runs, and never restarts an app that is still starting', () => {
    const plan = planAppStarts(
      [land, gateway],
      states({
        'land-conciliation': { running: true, healthy: false },
        gateway: { running: true, healthy: true },
      }),
    );
    expect(plan.start).toEqual([]);
    expect(plan.keep.map((k) => [k.app.name, k.healthy])).toEqual([
      ['land-conciliation', false],
      ['gateway', true],
    ]);
  });
});
