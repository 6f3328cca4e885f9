import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from './en.ts';
import { translate } from './locales.ts';
import { zh } from './zh.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('give every message in both languages, with the same placeholders', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fill placeholders and leave unknown ones visible', () => {
    expect(translate(en, 'order.title', { number: '5767' })).toBe('Order 5767');
    expect(translate(zh, 'order.title', { number: '5767' })).toBe('订单 5767');
    expect(translate(en, 'order.title')).toBe('Order {number}');
  });
});
