import { describe, expect, it } from 'vitest';
import { decidePartnerMessage, type PartnerMessage } from './partner-message.ts';
import { DISPATCH_STATUSES, type DispatchStatus } from './statuses.ts';

const at = (status: DispatchStatus, trackingNumber: string | null = null) => ({
  status,
  trackingNumber,
});
const ack: PartnerMessage = { kind: 'ack' };
const reject: PartnerMessage = { kind: 'reject' };
const ship = (trackingNumber: string): PartnerMessage => ({ kind: 'shipment', trackingNumber });

describe('decidePartnerMessage', () => {
  it('delivers an acknowledgement only to a dispatch that was sent', () => {
    expect(decidePartnerMessage(at('sent'), ack)).toBe('deliver');
    expect(decidePartnerMessage(at('acknowledged'), ack)).toEqual({ repeat: 'acknowledged' });
    // The supplier shipped before its acknowledgement got through: the retry is no news.
    expect(decidePartnerMessage(at('shipped', '1Z'), ack)).toEqual({ repeat: 'shipped' });
    expect(decidePartnerMessage(at('rejected'), ack)).toEqual({ refuse: 'dispatch is rejected' });
    expect(decidePartnerMessage(at('withdrawn'), ack)).toEqual({
      refuse: 'dispatch is withdrawn',
    });
  });

  it('delivers a shipment while the dispatch is open, acknowledged or not', () => {
    expect(decidePartnerMessage(at('sent'), ship('1Z'))).toBe('deliver');
    expect(decidePartnerMessage(at('acknowledged'), ship('1Z'))).toBe('deliver');
  });

  it('answers the same shipment again as a repeat, and refuses another tracking number', () => {
    expect(decidePartnerMessage(at('shipped', '1Z'), ship('1Z'))).toEqual({ repeat: 'shipped' });
    expect(decidePartnerMessage(at('shipped', '1Z'), ship('9400'))).toEqual({
      refuse: 'dispatch is shipped',
    });
  });

  it('refuses a shipment for a dispatch the order no longer waits on', () => {
    expect(decidePartnerMessage(at('rejected'), ship('1Z'))).toEqual({
      refuse: 'dispatch is rejected',
    });
    expect(decidePartnerMessage(at('withdrawn'), ship('1Z'))).toEqual({
      refuse: 'dispatch is withdrawn',
    });
  });

  it('delivers a rejection until the dispatch shipped; a closed one answers as a repeat', () => {
    expect(decidePartnerMessage(at('sent'), reject)).toBe('deliver');
    expect(decidePartnerMessage(at('acknowledged'), reject)).toBe('deliver');
    expect(decidePartnerMessage(at('rejected'), reject)).toEqual({ repeat: 'rejected' });
    // Re-routed elsewhere meanwhile: the supplier's "no" changes nothing and is no error.
    expect(decidePartnerMessage(at('withdrawn'), reject)).toEqual({ repeat: 'withdrawn' });
    expect(decidePartnerMessage(at('shipped', '1Z'), reject)).toEqual({
      refuse: 'dispatch is already shipped',
    });
  });

  it('never repeats into a status other than the one stored', () => {
    for (const status of DISPATCH_STATUSES)
      for (const message of [ack, reject, ship('1Z'), ship('other')]) {
        const d = decidePartnerMessage(at(status, status === 'shipped' ? '1Z' : null), message);
        if (typeof d === 'object' && 'repeat' in d) expect(d.repeat).toBe(status);
      }
  });
});
