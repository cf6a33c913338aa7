package dev.datafactory.local.data;

import java.util.Optional;

/** Small facts about the data directory itself (e.g. whether the demo was set up), in the {@code meta} table. */
public final class Meta {

    private final Database db;

    public Meta(Database db) {
        this.db = db;
    }

    public Optional<String> get(String key) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
                ps.setString(1, key);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Sets {@code key} unless it is set; returns whether this call set it (one process wins). */
    public boolean putIfAbsent(String key, String value) {
        return db.write(c -> {
            try (var ps = c.prepareStatement("INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)")) {
                ps.setString(1, key);
                ps.setString(2, value);
                return ps.executeUpdate() == 1;
            }
        });
    }
}
