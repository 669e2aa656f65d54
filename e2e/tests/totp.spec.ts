// The TOTP helper the sign-in tests use, against RFC 6238's own test vectors (SHA-1).
import { expect, test } from '@playwright/test';
import { base32Decode, totpAt } from './support';

test('the TOTP helper matches the RFC 6238 test vectors', () => {
  const secret = Buffer.from('12345678901234567890', 'ascii');
  expect(totpAt(secret, Math.floor(59 / 30), 8)).toBe('94287082');
  expect(totpAt(secret, Math.floor(1111111109 / 30), 8)).toBe('07081804');
  expect(totpAt(secret, Math.floor(1234567890 / 30), 8)).toBe('89005924');
  expect(totpAt(secret, Math.floor(20000000000 / 30), 8)).toBe('65353130');
  expect(totpAt(secret, 1)).toBe('287082');
});

test('base32 decodes as RFC 4648 says', () => {
  expect(base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ').toString('ascii')).toBe('12345678901234567890');
  expect(base32Decode('MZXW6YQ=').toString('ascii')).toBe('foob');
});
