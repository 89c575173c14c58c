package io.tendril.tracking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tracked links of recently clicked sent messages, evicting the least recently used. The
 * links of a sent message never change, so an entry is only wrong once its message is deleted.
 * The click's insert finds that case, and the caller then removes the entry.
 */
final class LinkCache {

    private final Map<Long, List<String>> links;

    LinkCache(int capacity) {
        this.links = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, List<String>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Returns the links of the message in link-index order, or null when they are not cached. */
    synchronized List<String> get(long messageId) {
        return links.get(messageId);
    }

    synchronized void put(long messageId, List<String> messageLinks) {
        links.put(messageId, messageLinks);
    }

    synchronized void remove(long messageId) {
        links.remove(messageId);
    }

    synchronized int size() {
        return links.size();
    }
}
