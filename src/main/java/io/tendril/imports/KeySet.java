package io.tendril.imports;

/**
 * A set of 64-bit hashes of email keys, to tell whether a file repeats an address without
 * keeping the addresses: about 16 bytes per row. Two different keys may share a hash, so a hit
 * means "maybe seen"; a miss is certain.
 */
final class KeySet {

    private long[] slots = new long[1 << 12];
    private int size;

    /** Adds the key's hash; returns false when it was already present. */
    boolean add(String key) {
        long hash = hash(key);
        if (size * 2 >= slots.length) {
            grow();
        }
        return insert(slots, hash);
    }

    private boolean insert(long[] table, long hash) {
        int mask = table.length - 1;
        int i = (int) (hash ^ (hash >>> 32)) & mask;
        while (table[i] != 0) {
            if (table[i] == hash) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = hash;
        if (table == slots) {
            size++;
        }
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long hash : old) {
            if (hash != 0) {
                insert(slots, hash);
            }
        }
    }

    /** FNV-1a over the UTF-16 code units, never 0, which marks an empty slot. */
    private static long hash(String key) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            hash ^= key.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash == 0 ? 1 : hash;
    }
}
