// A file's identity for "identical files count once": the SHA-256 of its bytes (WebCrypto). Where the
// page has no WebCrypto (an insecure context), a 53-bit FNV-style hash of the bytes and their length.
const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');

export async function contentHash(blob) {
  try {
    const bytes = await blob.arrayBuffer();
    if (globalThis.crypto?.subtle) return `sha256:${hex(await crypto.subtle.digest('SHA-256', bytes))}`;
    const u8 = new Uint8Array(bytes);
    let a = 0x811c9dc5;
    let b = 0x01000193;
    for (let i = 0; i < u8.length; i++) {
      a = Math.imul(a ^ u8[i], 16777619);
      b = Math.imul(b ^ u8[i], 2246822519);
    }
    return `fnv:${u8.length}:${(a >>> 0).toString(16)}${(b >>> 0).toString(16)}`;
  } catch {
    return null; // unreadable: the analysis reports it
  }
}
