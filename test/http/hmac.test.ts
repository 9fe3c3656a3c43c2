import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HmacSha256Key, hmacSha256Key } from '../../simulator/http/hmac.ts';

const reference = (key: Uint8Array, message: string) => createHmac('sha256', key).update(message, 'utf8').digest('hex');

describe('HMAC-SHA256 over prepared pads (RFC 2104)', () => {
  it('matches RFC 4231 test case 2 (key "Jefe")', () => {
    expect(new HmacSha256Key(Buffer.from('Jefe')).hex('what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('matches RFC 4231 test case 6 (a 131-byte key is hashed first)', () => {
    expect(new HmacSha256Key(Buffer.alloc(131, 0xaa)).hex('Test Using Larger Than Block-Size Key - Hash Key First')).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    );
  });

  it('agrees with createHmac for key lengths around the block size and for empty, unicode and long messages', () => {
    const messages = ['', 'a', 'OSS4-HMAC-SHA256\n20231216T162057Z\n20231216/cn-hangzhou/oss/aliyun_v4_request\n', '键-ключ-🔑', 'x'.repeat(5000)];
    for (const length of [0, 1, 32, 63, 64, 65, 200]) {
      const key = randomBytes(length);
      const prepared = new HmacSha256Key(key);
      // Twice each: the outer block is reused between calls.
      for (const m of [...messages, ...messages]) expect(prepared.hex(m)).toBe(reference(key, m));
    }
  });

  it('caches the prepared key by identity, and interleaved keys do not disturb each other', () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    expect(hmacSha256Key(a)).toBe(hmacSha256Key(a));
    expect(hmacSha256Key(a)).not.toBe(hmacSha256Key(b));
    for (let i = 0; i < 20; i++) {
      const m = `message ${i}`;
      expect(hmacSha256Key(i % 2 ? a : b).hex(m)).toBe(reference(i % 2 ? a : b, m));
    }
  });
});
