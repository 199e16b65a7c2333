import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { findOneEdit, hashDeletions, MAX_DOMAIN_LENGTH } from './typo-index.js';

describe('findOneEdit', () => {
  it.each([
    ['a lookalike digit', 'anti-spiege1.ru', 'anti-spiegel.ru', 'lookalike'],
    ['a lookalike letter', 'freedert.oniine', 'freedert.online', 'lookalike'],
    ['a zero for an o', 'freedert.0nline', 'freedert.online', 'lookalike'],
    ['any other substitution', 'cbsnews.com', 'cnsnews.com', 'substitution'],
    ['an extra character', 'anti-spiegell.ru', 'anti-spiegel.ru', 'insertion'],
    ['a missing character', 'antispiegel.ru', 'anti-spiegel.ru', 'deletion'],
    ['a missing first character', 'bcdef', 'abcdef', 'deletion'],
    ['swapped neighbours', 'anti-speigel.ru', 'anti-spiegel.ru', 'transposition'],
    ['swapped neighbours at the end', 'abcdfe', 'abcdef', 'transposition'],
    ['equal strings', 'anti-spiegel.ru', 'anti-spiegel.ru', null],
    ['two substitutions', 'anti-spiege1.rv', 'anti-spiegel.ru', null],
    ['a distant swap', 'fbcdea', 'abcdef', null],
    ['two insertions', 'abcdefgh', 'abcdef', null],
    ['a deletion and a substitution', 'abdex', 'abcdef', null],
  ])('%s: %s from %s → %s', (_scenario, text, target, expected) => {
    expect(findOneEdit(text, target)).toBe(expected);
  });

  it('is symmetric apart from the direction of an insertion', () => {
    const mirror = { insertion: 'deletion', deletion: 'insertion' } as const;
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const there = findOneEdit(a, b);
        const back = findOneEdit(b, a);
        expect(back).toBe(there === 'insertion' || there === 'deletion' ? mirror[there] : there);
      }),
    );
  });
});

describe('hashDeletions', () => {
  const hashOf = (text: string): number => {
    const out = new Int32Array(MAX_DOMAIN_LENGTH + 1);
    hashDeletions(text, out);
    return out[0] ?? NaN;
  };

  it('hashes each deletion variant as if the shorter string had been hashed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }), (text) => {
        const out = new Int32Array(MAX_DOMAIN_LENGTH + 1);
        expect(hashDeletions(text, out)).toBe(text.length + 1);
        for (let i = 0; i < text.length; i++) {
          expect(out[i + 1]).toBe(hashOf(text.slice(0, i) + text.slice(i + 1)));
        }
      }),
    );
  });

  it('keeps hashes small non-negative integers', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const out = new Int32Array(MAX_DOMAIN_LENGTH + 1);
        const count = hashDeletions(text, out);
        for (let i = 0; i < count; i++) expect(out[i]).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('refuses text longer than a domain name', () => {
    expect(hashDeletions('a'.repeat(MAX_DOMAIN_LENGTH + 1), new Int32Array(MAX_DOMAIN_LENGTH + 2))).toBe(0);
  });
});
