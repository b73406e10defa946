// The signature checks of a batch of county files (server/federation/signatures.ts): a big batch
// goes to a worker thread while the caller's work runs, a small one is checked in place, and
// either way each file's answer is its own — a changed text, another county's signature or a
// malformed one is false at its place, the rest true.
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { checkSignatures, type SignatureJob } from '../../src/server/federation/signatures.ts';

const county = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const pem = county.publicKey.export({ type: 'spki', format: 'pem' }).toString();

function job(i: number): SignatureJob {
  const signed = JSON.stringify({ county: '150523', month: `2025-${String((i % 12) + 1).padStart(2, '0')}`, cells: [{ n: i }] });
  return { pem, key: county.publicKey, signed, signature: sign(null, Buffer.from(signed), county.privateKey).toString('base64') };
}

describe('federation signature checks', () => {
  test.each([40, 5])('a batch of %i: each answer is its file\'s own, the caller working meanwhile', async (size) => {
    const jobs: (SignatureJob | undefined)[] = Array.from({ length: size }, (_, i) => job(i));
    const good = jobs[1] as SignatureJob;
    jobs[1] = { ...good, signed: good.signed.replace('"n":1', '"n":2') };
    const third = jobs[3] as SignatureJob;
    jobs[3] = { ...third, signature: sign(null, Buffer.from(third.signed), other.privateKey).toString('base64') };
    jobs[4] = { ...(jobs[4] as SignatureJob), signature: 'AAAA' };
    jobs[2] = undefined; // a file without a registered key: never checked, never valid
    let worked = false;
    const { ok, result } = await checkSignatures(jobs, () => {
      worked = true;
      return 'made';
    });
    expect(worked).toBe(true);
    expect(result).toBe('made');
    expect(ok).toEqual(jobs.map((_, i) => ![1, 2, 3, 4].includes(i)));
  });

  test('batches checked at the same time each get their own answers', async () => {
    const a = Array.from({ length: 30 }, (_, i) => job(i));
    const b = Array.from({ length: 30 }, (_, i) => ({ ...job(i + 100), signature: sign(null, Buffer.from('something else'), county.privateKey).toString('base64') }));
    const [ra, rb] = await Promise.all([checkSignatures(a, () => 0), checkSignatures(b, () => 0)]);
    expect(ra.ok).toEqual(a.map(() => true));
    expect(rb.ok).toEqual(b.map(() => false));
  });
});
