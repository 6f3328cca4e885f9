/**
 * The baseline of the intake benchmark: the api's own server setup (serveApi over
 * @hono/node-server) with one Hono route that reads the body and answers 200 at once. What the
 * webhook route costs beyond this is its own work. Run as its own process, like the api.
 */
import { serveApi } from '@switchyard/api';
import { Hono } from 'hono';

const app = new Hono()
  .get('/healthz', (c) => c.json({ ok: true }))
  .post('/webhooks/tiktok', async (c) => {
    await c.req.text();
    return c.json({ status: 'accepted' });
  });
serveApi(app.fetch, { port: Number(process.env.PORT), hostname: '127.0.0.1' }, (info) =>
  console.log(`bare server listening on ${info.port}`),
);
