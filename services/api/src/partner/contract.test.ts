import { describe, expect, it } from 'vitest';
import { partnerOpenApi, shipmentBody } from './contract.ts';

describe('partner API contract', () => {
  const doc = partnerOpenApi();

  it('describes the supplier actions and the catalog feed with their error answers', () => {
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/catalog/stock',
      '/dispatches/{id}/ack',
      '/dispatches/{id}/reject',
      '/dispatches/{id}/shipment',
      '/files',
    ]);
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
    expect(schema.required?.sort()).toEqual(['carrier', 'tracking_number']);
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
