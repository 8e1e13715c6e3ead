package io.capgate.agent.engine;

import java.nio.charset.StandardCharsets;

/**
 * FNV-1a 64 over the bytes CPython stores for a 1-byte-kind string (ASCII or Latin-1), exactly as the
 * kernel side computes it byte by byte. Prefix entries hash a directory path including its trailing
 * {@code /}; exact-file entries are salted so a file and a directory can never share a key.
 */
public final class PathHash {

    public static final long FNV_OFFSET = 0xcbf29ce484222325L;
    public static final long FNV_PRIME = 0x100000001b3L;
    /** XORed into whole-path hashes of exact-file entries. */
    public static final long EXACT_SALT = 0x5bd1e9955bd1e995L;
    /** The high 48 bits identify a file in "ak" keys; the low 16 bits carry the module id. */
    public static final long HASH_MASK = 0xffffffffffff0000L;

    private PathHash() {
    }

    /** Whether CPython stores this path as a 1-byte-kind string (every char below U+0100). */
    public static boolean hashable(String path) {
        return path.chars().allMatch(c -> c < 0x100);
    }

    public static long hash(String path) {
        long h = FNV_OFFSET;
        for (byte b : path.getBytes(StandardCharsets.ISO_8859_1)) {
            h = (h ^ (b & 0xffL)) * FNV_PRIME;
        }
        return h;
    }

    /** Key of a prefix entry; the prefix must end with {@code /} or a space, where the kernel looks up. */
    public static long prefixKey(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        if (last != '/' && last != ' ') {
            throw new IllegalArgumentException("prefix must end with '/' or ' ': " + prefix);
        }
        return hash(prefix);
    }

    public static long exactKey(String path) {
        return hash(path) ^ EXACT_SALT;
    }

    /** The 48-bit file id the kernel prints in F lines and carries in the high bits of an ak. */
    public static long fileId(String path) {
        return (hash(path) & HASH_MASK) >>> 16;
    }
}
