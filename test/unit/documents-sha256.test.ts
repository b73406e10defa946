import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Bytes, sha256Hex } from '../../src/shared/sha256.ts';

const nodeHex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256', () => {
  it('matches the FIPS 180-4 vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('hashes a million "a" (many blocks) as node:crypto does', () => {
    expect(sha256Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with node:crypto on long CJK text and at every padding boundary', () => {
    const long = '人民调解协议书：经调解，自愿达成如下协议。'.repeat(700);
    expect(sha256Hex(long)).toBe(nodeHex(long));
    for (let n = 50; n <= 130; n++) expect(sha256Hex('x'.repeat(n)), `length ${n}`).toBe(nodeHex('x'.repeat(n)));
  });

  it('agrees with node:crypto on arbitrary Unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => sha256Hex(text) === nodeHex(text)), { numRuns: 300 });
  });

  it('returns 32 bytes for raw input', () => {
    const digest = sha256Bytes(new Uint8Array([0xff, 0x00, 0x80]));
    expect(digest).toHaveLength(32);
    expect(Buffer.from(digest).toString('hex')).toBe(createHash('sha256').update(Buffer.from([0xff, 0x00, 0x80])).digest('hex'));
  });
});
