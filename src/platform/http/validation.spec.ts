import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { assertStorable, cursorDate, decodeCursor, encodeCursor, findUnstorable, isDateInRange, isoDateTime, parseOrThrow, storableText, textParam, unstorable } from './validation.js';

const EMOJI = '\uD83D\uDE00';

describe('the storable-text rule', () => {
  it.each([
    ['plain text', 'Ein ruhiger Kommentar.', null],
    ['an emoji (a surrogate pair)', `Gut ${EMOJI}`, null],
    ['a NUL', 'a\u0000b', /NUL/],
    ['a lone high surrogate', 'a\uD800b', /lone surrogates/],
    ['a lone low surrogate', '\uDC00', /lone surrogates/],
    ['a reversed pair', '\uDE00\uD83D', /lone surrogates/],
    ['a high surrogate at the end', `x${EMOJI}\uD83D`, /lone surrogates/],
  ])('%s', (_name, text, expected) => {
    const why = unstorable(text);
    if (expected === null) expect(why).toBeNull();
    else expect(why).toMatch(expected);
    expect(storableText(100).safeParse(text).success).toBe(expected === null);
  });

  it('finds the first unstorable value or key with its pointer, however deep', () => {
    expect(findUnstorable({ a: ['ok', { 'b/c': 'x\u0000' }] })).toEqual({ pointer: '/a/1/b~1c', message: expect.stringMatching(/NUL/) });
    expect(findUnstorable({ ['k\uD800']: 1 })).toEqual({ pointer: '/k\uD800', message: expect.stringMatching(/key .*lone/) });
    expect(findUnstorable({ a: 1, b: [true, null, EMOJI] })).toBeNull();
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(findUnstorable(deep)).toEqual({ pointer: expect.any(String), message: expect.stringMatching(/nested deeper/) });
  });

  it.each([
    ['path', { id: 'a\u0000' }, 'id', '/id'],
    ['query', { q: 'x\uDC00' }, undefined, '/q'],
    ['body', { comments: [{ text: 'ok' }, { text: '\u0000' }] }, undefined, '/comments/1/text'],
  ] as const)('refuses a bad %s string with a 422 and a pointer', (part, value, name, pointer) => {
    expect(() => assertStorable(part, part === 'path' ? (value as { id: string }).id : value, name)).toThrow(
      expect.objectContaining({ status: 422, errors: [expect.objectContaining({ pointer })] }),
    );
  });

  it('reports a text body (CSV) by line', () => {
    expect(() => assertStorable('body', 'pattern,category\nrt.com,state_media\nx\u0000.ru,satire\n')).toThrow(expect.objectContaining({ status: 422, detail: expect.stringMatching(/line 3 must not contain the NUL/) }));
    expect(() => assertStorable('body', `a\n${EMOJI}\nb\uDC00`)).toThrow(expect.objectContaining({ detail: expect.stringMatching(/line 3 .*lone surrogates/) }));
  });

  it.each([
    ['empty', '', /empty/],
    ['overlong', 'a'.repeat(201), /at most 200/],
    ['NUL', 'a\u0000', /NUL/],
  ])('refuses a %s free-form path parameter', (_name, value, message) => {
    expect(() => textParam(value, 'authorId')).toThrow(expect.objectContaining({ status: 422, errors: [{ pointer: '/authorId', message: expect.stringMatching(message) }] }));
  });
});

describe('dates', () => {
  it.each([
    ['2026-11-24T10:00:00Z', true],
    ['2026-11-24T10:00:00.123+01:00', true],
    ['0001-01-01T00:00:00Z', true],
    ['9999-12-31T23:59:59Z', true],
    ['0000-01-01T00:00:00Z', false],
    ['0001-01-01T00:00:00+01:00', false],
    ['+010000-01-01T00:00:00Z', false],
    ['275760-09-13T00:00:00Z', false],
    ['-000001-01-01T00:00:00Z', false],
    ['2026-02-30T00:00:00Z', false],
    ['2026-11-24', false],
  ])('%s is a date input: %s', (text, ok) => {
    const result = isoDateTime().safeParse(text);
    expect(result.success).toBe(ok);
  });

  it('says what the range is', () => {
    expect(() => parseOrThrow(z.object({ from: isoDateTime() }), { from: '0000-01-01T00:00:00Z' }, 'The query string')).toThrow(
      expect.objectContaining({ status: 422, errors: [{ pointer: '/from', message: expect.stringMatching(/between 0001-01-01.*9999-12-31/) }] }),
    );
  });

  it.each([new Date(NaN), new Date(-62_135_596_800_001), new Date(253_402_300_800_000)])('%s is out of range', (date) => {
    expect(isDateInRange(date)).toBe(false);
  });
});

describe('cursors', () => {
  const shape = z.tuple([cursorDate(), z.uuid()]);
  const id = '0b7c6b8e-4d5e-4f3a-9a1b-2c3d4e5f6a7b';

  it('round-trips', () => {
    expect(decodeCursor(encodeCursor(['2026-11-24T10:00:00.000Z', id]), shape)).toEqual([new Date('2026-11-24T10:00:00.000Z'), id]);
  });

  it.each([
    ['not base64 JSON', 'nonsense'],
    ['JSON of another shape', Buffer.from('{"a":1}').toString('base64url')],
    ['null', Buffer.from('null').toString('base64url')],
    ['a date out of range', encodeCursor(['-271821-04-20T00:00:00.000Z', id])],
    ['the year 0000', encodeCursor(['0000-01-01T00:00:00.000Z', id])],
    ['a date that is no date', encodeCursor(['yesterday', id])],
    ['an id that is no UUID', encodeCursor(['2026-11-24T10:00:00.000Z', "1'; --"])],
    ['one element too many', encodeCursor(['2026-11-24T10:00:00.000Z', id, 1])],
  ])('refuses %s with a 422 on /cursor', (_name, cursor) => {
    expect(() => decodeCursor(cursor, shape)).toThrow(expect.objectContaining({ status: 422, errors: [expect.objectContaining({ pointer: '/cursor' })] }));
  });
});
