// Node's native SHA-256 where the extension host runs on Node (desktop, remote): ~1 GB/s,
// against ~120 MB/s for the portable one in core, which the web worker keeps using. Loaded
// through a plain `require` reference for the same reason as nodeRealPath.ts: the same code is
// bundled for the web worker, which has no Node modules.

export type Sha256Hex = (bytes: Uint8Array) => string;

interface NodeCrypto {
  createHash(algorithm: 'sha256'): { update(bytes: Uint8Array): { digest(encoding: 'hex'): string } };
}

export function nodeSha256(): Sha256Hex | undefined {
  if (typeof process === 'undefined' || !process.versions?.node || typeof require !== 'function') return undefined;
  try {
    const load = require as (id: string) => NodeCrypto;
    const crypto = load('node:crypto');
    return (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
  } catch {
    return undefined;
  }
}
