#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npx lantern` works right after `npm ci`
// with no build step.
require('tsx/cjs');
require('../src/cli/main.ts')
  .main(process.argv)
  .then((code) => {
    if (typeof code === 'number') process.exitCode = code;
  })
  .catch((err) => {
    process.stderr.write(`lantern: ${err?.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  });
