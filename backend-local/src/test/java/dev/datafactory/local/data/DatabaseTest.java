package dev.datafactory.local.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void manyOpenersOfAFreshFileAllGetAWalDatabase() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 5; round++) {
                Path file = dir.resolve("round-" + round + ".db");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Database>> opened = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    opened.add(pool.submit(() -> {
                        start.await();
                        return Database.open(file);
                    }));
                }
                start.countDown();
                for (Future<Database> f : opened) {
                    try (Database db = f.get()) {
                        String mode = db.read(c -> {
                            try (var s = c.createStatement(); var rs = s.executeQuery("PRAGMA journal_mode")) {
                                return rs.next() ? rs.getString(1) : "";
                            }
                        });
                        assertThat(mode).isEqualTo("wal");
                        assertThat(db.integrityCheck()).isEqualTo("ok");
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
