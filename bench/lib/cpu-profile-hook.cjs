// Preloaded (`node -r`) into an app that `npm run bench:profile` profiles. The first SIGUSR2 starts V8's
// CPU profiler, the next one stops it and writes $BENCH_PROFILE_FILE: only the load window is sampled,
// not the start-up. (`--cpu-prof` writes at a clean exit only, and Nest ends on SIGTERM by re-raising it.)
'use strict';
const inspector = require('node:inspector');
const fs = require('node:fs');

const file = process.env.BENCH_PROFILE_FILE;
if (file) {
  const session = new inspector.Session();
  session.connect();
  let running = false;
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true;
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 500 }, () =>
          session.post('Profiler.start', () => fs.writeFileSync(`${file}.started`, '')),
        ),
      );
      return;
    }
    session.post('Profiler.stop', (err, res) => {
      running = false;
      fs.writeFileSync(file, err ? JSON.stringify({ error: String(err) }) : JSON.stringify(res.profile));
    });
  });
}
