import { describe, expect, it } from 'vitest';
import type { ApiDeps } from '../deps.ts';
import { resolveEdgePolicy } from '../edge/policy.ts';
import { createEdge } from '../edge/rate-limits.ts';
import { partnerOpenApi, shipmentBody } from './contract.ts';
import { partnerRoutes } from './routes.ts';

/** Every route the partner app answers, as `METHOD /path` in OpenAPI's path syntax. */
function servedRoutes() {
  // Building the routes touches no dependency; handlers are not called here.
  const app = partnerRoutes({} as ApiDeps, createEdge(resolveEdgePolicy()));
  return [
    ...new Set(
      app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1')}`),
    ),
  ].sort();
}

describe('partner API contract', () => {
  const doc = partnerOpenApi();

  it('describes exactly the routes the app serves, besides the document and its page', () => {
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const served = servedRoutes().filter((r) => !/^GET \/(openapi\.json|docs)/.test(r));
    expect(documented).toEqual(served);
    expect(documented).toEqual([
      'GET /dispatches',
      'GET /dispatches/{id}/label',
      'POST /catalog/stock',
      'POST /dispatches/{id}/ack',
      'POST /dispatches/{id}/reject',
      'POST /dispatches/{id}/shipment',
      'POST /files',
    ]);
  });

  it('takes an Idempotency-Key on every POST and names its refusals', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      const post = (
        ops as { post?: { parameters?: { name: string; in: string }[]; responses: object } }
      ).post;
      if (!post) continue;
      expect(
        post.parameters?.some((p) => p.name === 'Idempotency-Key' && p.in === 'header'),
        path,
      ).toBe(true);
      expect(Object.keys(post.responses), path).toEqual(expect.arrayContaining(['400', '409']));
    }
    const text = JSON.stringify(doc);
    for (const code of [
      'IDEMPOTENCY_KEY_INVALID',
      'IDEMPOTENCY_KEY_REUSED',
      'IDEMPOTENCY_KEY_IN_FLIGHT',
      'CURSOR_INVALID',
      'LIMIT_INVALID',
      'STATUS_INVALID',
    ])
      expect(text).toContain(code);
  });

  it('describes the supplier actions and the catalog feed with their error answers', () => {
    const shipment = doc.paths['/dispatches/{id}/shipment'].post;
    expect(Object.keys(shipment.responses).sort()).toEqual([
      '202',
      '400',
      '401',
      '404',
      '409',
      '413',
      '422',
      '429',
      '503',
    ]);
    const schema = shipment.requestBody.content['application/json'].schema as {
      required?: string[];
      properties?: Record<string, unknown>;
    };
    // Optional since platform labels (R-CHK-3): the route requires them for other dispatches.
    expect(schema.required).toBeUndefined();
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining(['carrier', 'tracking_number']),
    );
    expect(Object.keys(schema.properties ?? {})).toContain('lines');
  });

  it('is generated from the schema the route validates with', () => {
    expect(
      shipmentBody.safeParse({ tracking_number: '9400111206206406260787', carrier: 'USPS' })
        .success,
    ).toBe(true);
    expect(shipmentBody.safeParse({ tracking_number: '9400 1112', carrier: 'USPS' }).success).toBe(
      false,
    );
    expect(JSON.stringify(doc)).toContain('^[A-Za-z0-9]+$'); // the same pattern, published
  });
});
