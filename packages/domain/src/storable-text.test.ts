import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnstorableText, isStorableText, toStorableText } from './storable-text.ts';

describe('isStorableText', () => {
  it('refuses U+0000 and unpaired surrogates, wherever they are', () => {
    for (const bad of ['\u0000', 'a\u0000', '\ud800', 'x\udbff', '\udc00y', '\ude00\ud83d'])
      expect(isStorableText(bad), JSON.stringify(bad)).toBe(false);
  });

  it('accepts paired surrogates (emoji), other control characters and U+FFFD', () => {
    for (const ok of ['', 'plain', '😀', 'a\u0001\u0007\u001f', '\ufffd', '中文', '\ud83d\ude00x'])
      expect(isStorableText(ok), JSON.stringify(ok)).toBe(true);
  });

  it('agrees with a round trip through UTF-8 for any string without U+0000', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        fc.pre(!s.includes('\u0000'));
        // UTF-8 cannot encode a lone surrogate: it comes back as U+FFFD, changed.
        const roundTrips = Buffer.from(s, 'utf8').toString('utf8') === s;
        expect(isStorableText(s)).toBe(roundTrips);
      }),
    );
  });
});

describe('toStorableText', () => {
  it('replaces exactly what cannot be stored', () => {
    expect(toStorableText('a\u0000b\ud800c😀')).toBe('a\ufffdb\ufffdc😀');
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => isStorableText(toStorableText(s))));
  });
});

describe('findUnstorableText', () => {
  it('names the path of the offending string or key', () => {
    expect(findUnstorableText({ data: { note: 'a\u0000b' } })).toBe('data.note');
    expect(findUnstorableText({ a: [1, 'ok', { b: '\ud800' }] })).toBe('a[2].b');
    expect(findUnstorableText(['x', '\udc00'])).toBe('[1]');
    expect(findUnstorableText('\u0000')).toBe('');
    // A key is echoed with the character replaced, never as given.
    expect(findUnstorableText({ data: { 'k\u0000': 1 } })).toBe('data.k\ufffd');
  });

  it('finds nothing in storable values of any shape', () => {
    expect(findUnstorableText({ a: [1, true, null, { b: '😀' }], c: 'x' })).toBeUndefined();
    expect(findUnstorableText(42)).toBeUndefined();
    expect(findUnstorableText(null)).toBeUndefined();
  });

  it('walks values nested far deeper than the stack allows', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}"\\u0000"${']'.repeat(100_000)}`);
    expect(findUnstorableText(deep)).toBe(`…${'[0]'.repeat(32)}`);
  });
});
