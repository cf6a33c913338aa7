package dev.datafactory.launcher.local;

import dev.datafactory.launcher.testing.Cli;
import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.data.DataDirectory;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryLabels;
import dev.datafactory.model.canary.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class LogsCliTest {

    @TempDir
    Path dir;

    private static CanaryEvent event(Severity severity, String run, String message) {
        return CanaryEvent.of(severity, message, Instant.now(), new CanaryLabels(run, run + "-j1", "s", "local", "b"));
    }

    @Test
    void filtersByRunAndSeverityAndFollowsNewLines() throws Exception {
        Cli cli = new Cli(dir);
        try (LocalFactory f = LocalFactory.open(new DataDirectory(dir))) {
            f.logs().emit(event(Severity.INFO, "r1", "job started"));
            f.logs().emit(event(Severity.WARNING, "r1", "blocked by selector:#captcha"));
            f.logs().emit(event(Severity.ERROR, "r2", "navigation timed out"));

            Cli.Result warnings = cli.run("logs", "--run", "r1", "--severity", "warn");
            assertThat(warnings.exit()).isZero();
            assertThat(warnings.out().lines()).singleElement().asString()
                    .contains("WARNING", "r1-j1", "blocked by selector:#captcha");
            assertThat(cli.run("logs", "--text", "TIMED", "--json").out())
                    .contains("\"severity\":\"ERROR\"", "\"logging.googleapis.com/labels\"");
            assertThat(cli.run("logs", "--since", "yesterday").err()).contains("--since");

            AtomicReference<Cli.Result> followed = new AtomicReference<>();
            Thread follower = new Thread(() -> followed.set(cli.run("logs", "--follow", "--run", "r3")), "follow");
            follower.start();
            // The follower starts asynchronously: keep writing for a while, it must see the later lines.
            for (int i = 0; i < 10; i++) {
                f.logs().emit(event(Severity.INFO, "r3", "live line " + i));
                f.logs().emit(event(Severity.INFO, "r4", "other run"));
                Thread.sleep(300);
            }
            Thread.sleep(500);
            follower.interrupt();
            follower.join(10_000);
            assertThat(followed.get().exit()).isZero();
            assertThat(followed.get().out()).contains("live line 9").doesNotContain("other run");
        }
    }
}
