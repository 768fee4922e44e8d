// Preload (`node --import ./exit-with-parent.js ...`) or import: the process exits when its parent dies, so that no
// benchmark child outlives a harness that was killed with SIGKILL. Cluster workers inherit the preload through
// execArgv and watch their primary the same way. Costs one timer tick every half second.
const parentPid = process.ppid;
const timer = setInterval(() => {
  if (process.ppid !== parentPid) process.exit(0);
}, 500);
timer.unref();
process.on('disconnect', () => process.exit(0));
