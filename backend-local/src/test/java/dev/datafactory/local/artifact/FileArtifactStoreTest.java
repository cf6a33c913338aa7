package dev.datafactory.local.artifact;

import dev.datafactory.model.ports.ArtifactInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileArtifactStoreTest {

    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void storesContentAndMetadataAsPlainFileWithSidecar() {
        FileArtifactStore store = new FileArtifactStore(dir);
        store.put("results/demo/r1/j1.jsonl", utf8("{\"a\":1}\n"), "application/x-ndjson", Map.of("build", "abc"));

        assertThat(store.get("results/demo/r1/j1.jsonl")).hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("{\"a\":1}\n")));
        assertThat(dir.resolve("results/demo/r1/j1.jsonl")).hasContent("{\"a\":1}\n");
        ArtifactInfo info = store.stat("results/demo/r1/j1.jsonl").orElseThrow();
        assertThat(info.size()).isEqualTo(8);
        assertThat(info.contentType()).isEqualTo("application/x-ndjson");
        assertThat(info.metadata()).containsEntry("build", "abc");
        assertThat(info.updated()).isNotNull();
    }

    @Test
    void putReplacesAndPutIfAbsentKeepsTheFirst() {
        FileArtifactStore store = new FileArtifactStore(dir);
        assertThat(store.putIfAbsent("runs/r1/j1.json", utf8("first"), "application/json", Map.of("n", "1"))).isTrue();
        assertThat(store.putIfAbsent("runs/r1/j1.json", utf8("second"), "text/plain", Map.of("n", "2"))).isFalse();
        assertThat(new String(store.get("runs/r1/j1.json").orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("first");
        assertThat(store.stat("runs/r1/j1.json").orElseThrow().metadata()).containsEntry("n", "1");

        store.put("runs/r1/j1.json", utf8("third"), "application/json", Map.of("n", "3"));
        assertThat(new String(store.get("runs/r1/j1.json").orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("third");
        assertThat(store.stat("runs/r1/j1.json").orElseThrow().metadata()).containsEntry("n", "3");
    }

    @Test
    void exactlyOneOfManyConcurrentWritersWins() throws Exception {
        FileArtifactStore store = new FileArtifactStore(dir);
        // A second instance on the same directory stands in for another process.
        FileArtifactStore other = new FileArtifactStore(dir);
        int writers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 20; round++) {
                String key = "results/s/r/j" + round + ".jsonl";
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    FileArtifactStore s = w % 2 == 0 ? store : other;
                    String body = "writer-" + w;
                    Callable<Boolean> write = () -> {
                        start.await();
                        return s.putIfAbsent(key, utf8(body), "text/plain", Map.of("writer", body));
                    };
                    results.add(pool.submit(write));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> f : results) {
                    winners += f.get() ? 1 : 0;
                }
                assertThat(winners).as("winners of round %d", round).isEqualTo(1);
                String content = new String(store.get(key).orElseThrow(), StandardCharsets.UTF_8);
                assertThat(store.stat(key).orElseThrow().metadata()).containsEntry("writer", content);
            }
        } finally {
            pool.shutdownNow();
        }
        try (var temps = Files.list(dir.resolve(".tmp"))) {
            assertThat(temps).as("temp files left behind").isEmpty();
        }
    }

    @Test
    void listsByPrefixInKeyOrderWithoutInternalFiles() {
        FileArtifactStore store = new FileArtifactStore(dir);
        store.put("runs/r2/b.json", utf8("x"), "application/json", Map.of());
        store.put("runs/r1/b.json", utf8("x"), "application/json", Map.of());
        store.put("runs/r1/a.json", utf8("x"), "application/json", Map.of());
        store.put("runs/r10/a.json", utf8("x"), "application/json", Map.of());
        store.put("canary/s/r1/j/01-loaded.png", utf8("png"), "image/png", Map.of());

        assertThat(store.list("runs/r1/")).extracting(ArtifactInfo::key)
                .containsExactly("runs/r1/a.json", "runs/r1/b.json");
        assertThat(store.list("runs/r1")).extracting(ArtifactInfo::key)
                .containsExactly("runs/r1/a.json", "runs/r1/b.json", "runs/r10/a.json");
        assertThat(store.list("")).extracting(ArtifactInfo::key).containsExactly(
                "canary/s/r1/j/01-loaded.png", "runs/r1/a.json", "runs/r1/b.json", "runs/r10/a.json", "runs/r2/b.json");
        assertThat(store.list("nothing/here/")).isEmpty();
    }

    @Test
    void missingObjectsAreEmptyNotErrors() {
        FileArtifactStore store = new FileArtifactStore(dir);
        store.put("runs/r1/a.json", utf8("x"), "application/json", Map.of());
        assertThat(store.get("runs/r1/none.json")).isEmpty();
        assertThat(store.stat("runs/r1/none.json")).isEmpty();
        assertThat(store.get("runs/r1")).as("a directory is not an object").isEmpty();
        assertThat(store.stat("runs/r1")).isEmpty();
    }

    @Test
    void objectWithoutSidecarStillReadsWithGuessedType() throws Exception {
        FileArtifactStore store = new FileArtifactStore(dir);
        store.put("canary/s/r/j/01-x.png", utf8("png"), "image/png", Map.of("k", "v"));
        Files.delete(dir.resolve(".meta/canary/s/r/j/01-x.png.json"));
        ArtifactInfo info = store.stat("canary/s/r/j/01-x.png").orElseThrow();
        assertThat(info.contentType()).isEqualTo("image/png");
        assertThat(info.metadata()).isEmpty();
    }

    @Test
    void refusesKeysThatEscapeTheRootOrHitInternalFiles() {
        FileArtifactStore store = new FileArtifactStore(dir);
        for (String bad : List.of("", "/etc/passwd", "../x", "a/../../x", "a//b", "a/", ".meta/x", ".tmp/x", "a\\b")) {
            assertThatThrownBy(() -> store.put(bad, utf8("x"), "text/plain", Map.of()))
                    .as("key %s", bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("artifact key");
        }
        assertThat(dir.getParent().resolve("x")).doesNotExist();
    }
}
