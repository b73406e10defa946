// The QR encoder against symbols made by an independent encoder (the `qrcode` npm package, byte
// mode, level M, the same mask forced), so a wrong bit anywhere — data, error correction,
// interleaving, format or version information — fails here. Versions 1, 4 and 8 cover the
// single-block, multi-block and version-information paths.
import { describe, expect, it } from 'vitest';
import { encodeQr, type QrMatrix } from '../../src/ui/guides/qr.ts';

const golden: { text: string; mask: number; version: number; hex: string }[] = [
  {
    text: 'a',
    mask: 0,
    version: 1,
    hex:
      'fe0bfc17506e8cbb7495dbaaaec13507faafe00300aa50932f1185a22301844868aa804aaff85df04bb8ba976dd011ae' +
      'a22304c46fecab8',
  },
  {
    text: 'https://shuohe.example.cn/guides/weichengnian-jianhu',
    mask: 3,
    version: 4,
    hex:
      'feecf93fc16e57906e82368bb75e5235dba2248aec1271c507faaaaafe01f4c600b74ad62596185c9bee96b2ff7abcc6' +
      '32962f12bdd82c45a48b2a5fd2b98b1949fc4f9bb66e34f1a7d6d5d5721e91b370312a72024074c6a9e934cffa2ce69a' +
      '2d535ab26753f90058eb46bfa586ea105dd0f1eba214ffbdd7137096eb2930d9049b93f1fe97d52a0',
  },
  {
    text: 'https://x.cn/说和说和说和说和说和说和说和说和说和说和说和说和说和说和说和说和说和说和说和说和',
    mask: 5,
    version: 8,
    hex:
      'fe72fd9118bfc16d090dddd06ea46a37a06bb7549d6666a5dba7e7bf42c2ec103071cd9107faaaaaaaaafe01757c6633' +
      '0082dbb7f8e3e74cf5712ccc8393f895c8d6480cb8d27336636c2dfef5777522cbf60dcd9ddbace44627cc77d3849637' +
      'ee01e3484816043e34ac9f99994228a54e16e8b188983e40c92f99e048b5e87a36283e350036b27e1a9fd82ff4b1369c' +
      '59cd1dcac41aa667acf47b951237c423e32bf85ebf932959ac88b11b7d747dca6d468eebe6015d733a55c34442231b1a' +
      '39880027eb957a69e24bfc0ad39204e34ea10fbaf0490e2e673663f1886c9f5155499ac17fe389c66919e80a8d6e20e0' +
      '2924a22292e21d37fac1f9007a371cd9c73f96bba9112b904036c5d8b1dba1cf7ebd0ff5d2015666a3b6e80d58a7cfd1' +
      '04b740e4cc0dfea7d5fbe73c8',
  },
];

function toHex(m: QrMatrix): string {
  let bits = m.map((row) => row.map((d) => (d ? '1' : '0')).join('')).join('');
  bits += '0'.repeat((4 - (bits.length % 4)) % 4);
  return (bits.match(/.{4}/g) ?? []).map((b) => parseInt(b, 2).toString(16)).join('');
}

describe('encodeQr', () => {
  it.each(golden)('matches the reference symbol for version $version, mask $mask', ({ text, mask, version, hex }) => {
    const m = encodeQr(text, mask);
    expect(m.length).toBe(version * 4 + 17);
    expect(toHex(m)).toBe(hex);
  });

  it('picks one of the eight masks on its own and keeps the symbol the same size', () => {
    const text = golden[1]?.text ?? '';
    const auto = toHex(encodeQr(text));
    const candidates = [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => toHex(encodeQr(text, mask)));
    expect(candidates).toContain(auto);
  });

  it('refuses text longer than version 10 holds', () => {
    expect(() => encodeQr('x'.repeat(214))).toThrow(RangeError);
    expect(encodeQr('x'.repeat(213)).length).toBe(57);
  });
});
