// Docker HEALTHCHECK of the service named by SWITCHYARD_SERVICE (set in the image): the api's
// and billing's `GET /healthz`, the worker's on its operations port (OPS_PORT); a worker run
// without that listener is probed by a connection to the Temporal frontend it polls.
const service = process.env.SWITCHYARD_SERVICE;
if (service === 'worker' && !process.env.OPS_PORT) {
  await import('./temporal-probe.mjs');
} else {
  const port =
    service === 'worker'
      ? process.env.OPS_PORT
      : (process.env.PORT ?? (service === 'billing' ? '3100' : '3000'));
  const ok = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) })
    .then((r) => r.ok)
    .catch(() => false);
  process.exit(ok ? 0 : 1);
}
