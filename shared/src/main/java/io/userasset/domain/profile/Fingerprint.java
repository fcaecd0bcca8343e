package io.userasset.domain.profile;

import java.nio.charset.StandardCharsets;

/**
 * 64-bit fingerprints of deduplication keys (FNV-1a over UTF-8, then the MurmurHash3 finalizer for
 * avalanche). Within one user's handful of recent keys, a collision has probability ≈ n/2^64.
 */
public final class Fingerprint {
    private Fingerprint() {}

    public static long of(String kind, String key) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, kind.getBytes(StandardCharsets.UTF_8));
        h = (h ^ ':') * 0x100000001b3L;
        h = mix(h, key.getBytes(StandardCharsets.UTF_8));
        return fmix64(h);
    }

    private static long mix(long h, byte[] bytes) {
        for (byte b : bytes) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }

    static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
