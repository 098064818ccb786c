import { parseSearch } from '../../../graph/read/searchQuery';

/*
 * How a search box's text is read: by its shape, then with the resolver's own normalisers, into the
 * Identifier keys the resolver writes. Invented numbers only.
 */

describe('parseSearch: what a search means', () => {
  it('reads a national phone in the country given, into the key the resolver writes, not as a name', () => {
    const probe = parseSearch('081-234-5678', 'TH');
    expect(probe.exactKeys).toContain('phone:+66812345678');
    expect(probe.asName).toBe(false);
  });

  it('reads an international phone the same whatever the country', () => {
    expect(parseSearch('+66 81 234 5678', undefined).exactKeys).toContain('phone:+66812345678');
  });

  it('reads digits as an account too, without their separators', () => {
    expect(parseSearch('123-4-56789-0', undefined).exactKeys).toContain('account:1234567890');
  });

  it('reads an e-mail and a handle by their shape, and neither as a name', () => {
    expect(parseSearch('Somchai.J@Example.com', undefined)).toMatchObject({
      exactKeys: ['email:somchai.j@example.com'],
      asName: false,
    });
    expect(parseSearch('@somchai_99', undefined)).toMatchObject({ handles: ['somchai_99'], asName: false });
  });

  it('reads a masked number as weaker forms only: a visible tail, or a visible head in its country', () => {
    const tail = parseSearch('xxx-xxx-5678', undefined);
    expect(tail.exactKeys).toEqual([]);
    expect(tail.tails).toEqual([expect.objectContaining({ digits: '5678' })]);
    const head = parseSearch('0812xxxxxx', 'TH');
    expect(head.exactKeys).toEqual([]);
    expect(head.heads).toContainEqual({ kind: 'phone', keyPrefix: 'phone:+66812', length: 12 });
  });

  it('reads words in any script as a name', () => {
    expect(parseSearch('สมชาย ใจดี', undefined)).toMatchObject({ exactKeys: [], asName: true });
    expect(parseSearch('Somchay Jaidee', undefined).asName).toBe(true);
  });
});
