import { createHmac, randomBytes } from 'crypto';
import { hmacSha256, sameText } from '../../../src/core/util/hmac';

const rep = (byte: number, n: number) => new Uint8Array(n).fill(byte);
const text = (s: string) => new TextEncoder().encode(s);

// RFC 4231 §4.2–4.8, HMAC-SHA-256.
const VECTORS: { name: string; key: Uint8Array; data: Uint8Array; mac: string; bits?: number }[] = [
  { name: '1', key: rep(0x0b, 20), data: text('Hi There'), mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7' },
  { name: '2 (key shorter than the output)', key: text('Jefe'), data: text('what do ya want for nothing?'), mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843' },
  { name: '3', key: rep(0xaa, 20), data: rep(0xdd, 50), mac: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe' },
  { name: '4', key: Uint8Array.from({ length: 25 }, (_, i) => i + 1), data: rep(0xcd, 50), mac: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b' },
  { name: '5 (truncated to 128 bits)', key: rep(0x0c, 20), data: text('Test With Truncation'), mac: 'a3b6167473100ee06e0c796c2955552b', bits: 128 },
  { name: '6 (key larger than the block)', key: rep(0xaa, 131), data: text('Test Using Larger Than Block-Size Key - Hash Key First'), mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54' },
  {
    name: '7 (key and data larger than the block)',
    key: rep(0xaa, 131),
    data: text('This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.'),
    mac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
];

describe('hmacSha256 (pure, RFC 2104)', () => {
  test.each(VECTORS)('RFC 4231 test case $name', ({ key, data, mac, bits }) => {
    const out = hmacSha256(key, data);
    expect(bits ? out.slice(0, bits / 4) : out).toBe(mac);
  });

  test('agrees with Node crypto on random keys and messages of every length around the block size', () => {
    for (const kl of [0, 1, 32, 63, 64, 65, 200]) {
      for (const ml of [0, 55, 56, 64, 119, 1000]) {
        const key = randomBytes(kl), msg = randomBytes(ml);
        expect(hmacSha256(new Uint8Array(key), new Uint8Array(msg))).toBe(createHmac('sha256', key).update(msg).digest('hex'));
      }
    }
  });

  test('text is UTF-8', () => {
    expect(hmacSha256('密钥', '决策咨询专委会|2023')).toBe(createHmac('sha256', Buffer.from('密钥', 'utf8')).update('决策咨询专委会|2023', 'utf8').digest('hex'));
  });

  test('sameText', () => {
    expect(sameText('abc', 'abc')).toBe(true);
    expect(sameText('abc', 'abd')).toBe(false);
    expect(sameText('abc', 'ab')).toBe(false);
    expect(sameText('', '')).toBe(true);
  });
});
