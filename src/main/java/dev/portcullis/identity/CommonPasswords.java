package dev.portcullis.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * PWD-2 / NIST SP 800-63B-4 §3.1.1.2: passwords from lists of commonly used or breached values
 * are refused. The list is the top 100,000 of the "10 million passwords" corpus that nbvcxz ships
 * in its jar ({@value #RESOURCE}), read once at startup.
 *
 * <p>Stored as an open-addressing (linear probing) table of 64-bit hashes of each lower-cased
 * NFKC entry: ~1 MiB instead of ~10 MiB for a {@code HashSet<String>}, with O(1) lookups. Only
 * hashes are kept, so two different strings with the same 64-bit hash would be confused: with
 * ~10^5 entries the chance that a given password collides with any entry is ~10^5 / 2^64 ≈ 5·10^-15,
 * and a collision would only refuse one more password, never accept a listed one.
 */
final class CommonPasswords {

    static final String RESOURCE = "dictionaries/passwords.txt";
    /** Slot value meaning "empty"; a hash that happens to be 0 is stored as 1 (see {@link #hash}). */
    private static final long EMPTY = 0L;
    private static final double MAX_LOAD = 0.8;
    /**
     * The table is split into pages of 2^14 longs (128 KiB): one 1 MiB array would be a G1
     * "humongous" object and occupy two whole 1 MiB regions (measured: 2 MiB retained instead of 1).
     */
    private static final int PAGE_BITS = 14;
    private static final int PAGE_MASK = (1 << PAGE_BITS) - 1;

    private final long[][] pages;
    private final int mask;
    private final int size;
    private final int sourceLines;

    private CommonPasswords(long[] hashes, int count, int sourceLines) {
        int capacity = Integer.highestOneBit((int) Math.ceil(Math.max(count, 1) / MAX_LOAD) - 1) << 1;
        capacity = Math.max(capacity, 1 << PAGE_BITS);
        this.pages = new long[capacity >>> PAGE_BITS][1 << PAGE_BITS];
        this.mask = capacity - 1;
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (insert(hashes[i])) {
                distinct++;
            }
        }
        this.size = distinct;
        this.sourceLines = sourceLines;
    }

    /** Reads the list from the class path; a missing list stops startup (the rule must not silently vanish). */
    static CommonPasswords load(ClassLoader classLoader) {
        try (InputStream in = classLoader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("common password list " + RESOURCE + " is missing from the class path");
            }
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the common password list", e);
        }
    }

    static CommonPasswords read(BufferedReader reader) throws IOException {
        // Hashes first, table second: no String of the list outlives its line. (This temporary
        // array is humongous for G1 too, but it is garbage once the table is built.)
        long[] hashes = new long[1 << 17];
        int count = 0;
        int lines = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            String entry = line.strip();
            if (entry.isEmpty()) {
                continue;
            }
            lines++;
            if (count == hashes.length) {
                hashes = Arrays.copyOf(hashes, count * 2);
            }
            hashes[count++] = hash(canonical(entry));
        }
        return new CommonPasswords(hashes, count, lines);
    }

    /** Whether the password, compared case-insensitively after NFKC, is on the list. */
    boolean contains(String password) {
        long h = hash(canonical(password));
        for (int slot = slot(h); ; slot = (slot + 1) & mask) {
            long value = pages[slot >>> PAGE_BITS][slot & PAGE_MASK];
            if (value == EMPTY) {
                return false;
            }
            if (value == h) {
                return true;
            }
        }
    }

    /** Distinct entries after lower-casing (the list holds case variants such as Password, PASSWORD). */
    int size() {
        return size;
    }

    /** Non-empty lines read from the list. */
    int sourceLines() {
        return sourceLines;
    }

    long tableBytes() {
        return (long) (mask + 1) * Long.BYTES;
    }

    private boolean insert(long h) {
        for (int slot = slot(h); ; slot = (slot + 1) & mask) {
            long value = pages[slot >>> PAGE_BITS][slot & PAGE_MASK];
            if (value == h) {
                return false;
            }
            if (value == EMPTY) {
                pages[slot >>> PAGE_BITS][slot & PAGE_MASK] = h;
                return true;
            }
        }
    }

    private int slot(long h) {
        // Murmur3's fmix64 spreads FNV's low bits, which alone would cluster in linear probing.
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }

    private static String canonical(String password) {
        return Passwords.normalize(password).toLowerCase(Locale.ROOT);
    }

    /** FNV-1a, 64 bits, over the UTF-16 code units; not a security boundary, only an identity. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            h ^= c & 0xff;
            h *= 0x100000001b3L;
            h ^= c >>> 8;
            h *= 0x100000001b3L;
        }
        return h == EMPTY ? 1L : h;
    }
}
