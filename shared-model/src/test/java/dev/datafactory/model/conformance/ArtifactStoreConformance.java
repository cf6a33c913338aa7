package dev.datafactory.model.conformance;

import dev.datafactory.model.ports.ArtifactInfo;
import dev.datafactory.model.ports.ArtifactStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one behaviour every {@link ArtifactStore} has (filesystem locally, Cloud Storage in the
 * cloud). Subclass it in the adapter's tests and return a fresh, empty store from {@link #newStore()}.
 */
public abstract class ArtifactStoreConformance {

    private static final String JSON = "application/json";

    protected ArtifactStore store;

    /** A fresh, empty store; called before every test. */
    protected abstract ArtifactStore newStore() throws Exception;

    @BeforeEach
    void createStore() throws Exception {
        store = newStore();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsBackWhatWasPut() {
        store.put("results/s1/r1/j1.jsonl", bytes("{\"a\":1}\n"), "application/x-ndjson", Map.of());

        assertThat(store.get("results/s1/r1/j1.jsonl")).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n"));
    }

    @Test
    void missingKeysAreEmptyNotErrors() {
        assertThat(store.get("runs/nope/nope.json")).isEmpty();
        assertThat(store.stat("runs/nope/nope.json")).isEmpty();
        assertThat(store.list("runs/nope/")).isEmpty();
    }

    @Test
    void statReportsSizeContentTypeAndMetadata() {
        byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3, 4, 5};
        store.put("canary/s1/r1/j1/01-loaded.png", png, "image/png",
                Map.of("build", "abc1234", "run", "r1", "fingerprint", "0a1b2c3d4e5f"));

        ArtifactInfo info = store.stat("canary/s1/r1/j1/01-loaded.png").orElseThrow();

        assertThat(info.key()).isEqualTo("canary/s1/r1/j1/01-loaded.png");
        assertThat(info.size()).isEqualTo(10);
        assertThat(info.contentType()).isEqualTo("image/png");
        assertThat(info.metadata()).containsExactlyInAnyOrderEntriesOf(
                Map.of("build", "abc1234", "run", "r1", "fingerprint", "0a1b2c3d4e5f"));
        assertThat(info.updated()).isNotNull();
        assertThat(store.get("canary/s1/r1/j1/01-loaded.png")).hasValueSatisfying(b -> assertThat(b).isEqualTo(png));
    }

    @Test
    void putReplacesContentAndMetadata() {
        store.put("runs/r1/j1.json", bytes("{\"v\":1}"), JSON, Map.of("build", "old"));
        store.put("runs/r1/j1.json", bytes("{\"v\":22}"), JSON, Map.of("build", "new"));

        assertThat(store.get("runs/r1/j1.json").map(b -> new String(b, StandardCharsets.UTF_8)))
                .hasValue("{\"v\":22}");
        ArtifactInfo info = store.stat("runs/r1/j1.json").orElseThrow();
        assertThat(info.size()).isEqualTo(8);
        assertThat(info.metadata()).containsExactly(Map.entry("build", "new"));
    }

    @Test
    void listReturnsOnlyThePrefixOrderedByKey() {
        for (String key : List.of("runs/r1/j2.json", "runs/r10/j1.json", "results/s/r1/j1.jsonl", "runs/r1/j1.json",
                "runs/r1/a/j3.json", "runs/r0.json")) {
            store.put(key, bytes(key), JSON, Map.of());
        }

        assertThat(store.list("runs/r1/")).extracting(ArtifactInfo::key)
                .containsExactly("runs/r1/a/j3.json", "runs/r1/j1.json", "runs/r1/j2.json");
        assertThat(store.list("runs/")).extracting(ArtifactInfo::key)
                .containsExactly("runs/r0.json", "runs/r1/a/j3.json", "runs/r1/j1.json", "runs/r1/j2.json",
                        "runs/r10/j1.json");
        assertThat(store.list("")).hasSize(6);
        assertThat(store.list("runs/r1/j1")).extracting(ArtifactInfo::size).containsExactly(15L);
    }

    @Test
    void putIfAbsentCreatesOnceAndNeverOverwrites() {
        assertThat(store.putIfAbsent("results/s/r/j.jsonl", bytes("first"), "application/x-ndjson",
                Map.of("build", "b1"))).isTrue();
        assertThat(store.putIfAbsent("results/s/r/j.jsonl", bytes("second"), "application/x-ndjson",
                Map.of("build", "b2"))).isFalse();

        assertThat(store.get("results/s/r/j.jsonl").map(b -> new String(b, StandardCharsets.UTF_8)))
                .hasValue("first");
        assertThat(store.stat("results/s/r/j.jsonl").orElseThrow().metadata()).containsEntry("build", "b1");
    }

    @Test
    void putIfAbsentLosesToAnEarlierPut() {
        store.put("runs/r/j.json", bytes("put"), JSON, Map.of());

        assertThat(store.putIfAbsent("runs/r/j.json", bytes("late"), JSON, Map.of())).isFalse();
        assertThat(store.get("runs/r/j.json").map(b -> new String(b, StandardCharsets.UTF_8))).hasValue("put");
    }

    @Test
    void ofConcurrentCreatorsExactlyOneWins() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String body = "writer-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return store.putIfAbsent("runs/race/j.json", bytes(body), JSON, Map.of("writer", body));
                }));
            }
            start.countDown();
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                if (results.get(i).get(30, TimeUnit.SECONDS)) {
                    winners.add(i);
                }
            }

            assertThat(winners).hasSize(1);
            String winner = "writer-" + winners.get(0);
            assertThat(store.get("runs/race/j.json").map(b -> new String(b, StandardCharsets.UTF_8)))
                    .hasValue(winner);
            assertThat(store.stat("runs/race/j.json").orElseThrow().metadata()).containsEntry("writer", winner);
        } finally {
            pool.shutdownNow();
        }
    }
}
