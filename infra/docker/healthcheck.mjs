// Docker HEALTHCHECK of the service named by SWITCHYARD_SERVICE (set in the image): the api's
// and billing's `GET /healthz`; the worker serves no HTTP, so its probe is the Temporal one.
const service = process.env.SWITCHYARD_SERVICE;
if (service === 'worker') {
  await import('./temporal-probe.mjs');
} else {
  const port = process.env.PORT ?? (service === 'billing' ? '3100' : '3000');
  const ok = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) })
    .then((r) => r.ok)
    .catch(() => false);
  process.exit(ok ? 0 : 1);
}
