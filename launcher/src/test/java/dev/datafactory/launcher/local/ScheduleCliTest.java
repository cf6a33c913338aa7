package dev.datafactory.launcher.local;

import dev.datafactory.launcher.testing.Cli;
import dev.datafactory.local.schedule.EngineLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleCliTest {

    @TempDir
    Path dir;

    private static final String SPEC = """
            {"name": "products", "startUrls": ["http://127.0.0.1:8931/"],
             "extract": {"fields": {"title": {"selector": "h1"}}}, "allowHosts": ["127.0.0.1"]}
            """;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void badCronZoneAndSpecAreReportedWithPathAndReasonAndChangeNothing() throws Exception {
        Cli cli = new Cli(dir.resolve("data"));
        Path badSpec = write("bad-spec.json", """
                {"name": "products", "startUrls": ["ftp://example"], "extract": {"fields": {"t": {"selector": ""}}},
                 "colour": "blue"}
                """);

        Cli.Result result = cli.run("schedule", "add", "nightly", "--cron", "61 25 * * *", "--tz", "Mars/Olympus",
                "--spec", badSpec.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("cron: \"61 25 * * *\" is not a valid cron expression")
                .contains("timeZone: unknown time zone \"Mars/Olympus\"")
                .contains("template.startUrls[0]: must be an http:// or https:// URL")
                .contains("template.extract.fields.t.selector: must not be empty")
                .contains("template.colour: unknown field");
        assertThat(cli.run("schedule", "list").out()).contains("No schedules");

        Cli.Result fourFields = cli.run("schedule", "add", "nightly", "--cron", "0 9 * *", "--spec",
                write("spec.json", SPEC).toString());
        assertThat(fourFields.exit()).isEqualTo(2);
        assertThat(fourFields.err()).contains("cron: must have 5 fields");

        Cli.Result notJson = cli.run("schedule", "add", "nightly", "--cron", "0 9 * * *", "--spec",
                write("broken.json", "{\"name\": ").toString());
        assertThat(notJson.exit()).isEqualTo(2);
        assertThat(notJson.err()).contains("broken.json").contains("is not valid JSON at line");
        assertThat(cli.run("schedule", "list").out()).contains("No schedules");
    }

    @Test
    void aBadEditLeavesTheScheduleAsItWas() throws Exception {
        Cli cli = new Cli(dir.resolve("data"));
        Path spec = write("spec.json", SPEC);
        assertThat(cli.run("schedule", "add", "nightly", "--cron", "30 2 * * *", "--tz", "Europe/Berlin", "--spec",
                spec.toString()).exit()).isZero();
        String before = cli.run("schedule", "show", "nightly", "--json").out();

        Cli.Result bad = cli.run("schedule", "edit", "nightly", "--cron", "every night", "--tz", "Europe/Berlln");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("cron: must have 5 fields").contains("timeZone: unknown time zone \"Europe/Berlln\"");
        assertThat(cli.run("schedule", "show", "nightly", "--json").out()).isEqualTo(before);

        Cli.Result wrongRetry = cli.run("schedule", "edit", "nightly", "--max-attempts", "0");
        assertThat(wrongRetry.exit()).isEqualTo(2);
        assertThat(wrongRetry.err()).contains("retry.maxAttempts");
        assertThat(cli.run("schedule", "show", "nightly", "--json").out()).isEqualTo(before);
    }

    @Test
    void addListShowEditPauseResumeRunRemove() throws Exception {
        Cli cli = new Cli(dir.resolve("data"));
        Path spec = write("spec.json", SPEC);

        Cli.Result added = cli.run("schedule", "add", "nightly", "--name", "Nightly products", "--cron", "30 2 * * *",
                "--tz", "Europe/Berlin", "--spec", spec.toString(), "--max-attempts", "3");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("Created nightly (enabled): Every day at 02:30, Europe/Berlin; next fire");

        Cli.Result duplicate = cli.run("schedule", "add", "nightly", "--cron", "0 * * * *", "--spec", spec.toString());
        assertThat(duplicate.exit()).isEqualTo(1);
        assertThat(duplicate.err()).contains("already exists");

        assertThat(cli.run("schedule", "list").out()).contains("nightly", "ENABLED", "30 2 * * *", "Europe/Berlin",
                "Nightly products");
        Cli.Result show = cli.run("schedule", "show", "nightly", "--next", "3");
        assertThat(show.out()).contains("\"maxAttempts\" : 3").contains("02:30 Europe/Berlin");

        assertThat(cli.run("schedule", "edit", "nightly", "--cron", "0 * * * *").out()).contains("Updated nightly");
        assertThat(cli.run("schedule", "show", "nightly", "--json").out()).contains("\"cron\" : \"0 * * * *\"")
                .contains("\"name\" : \"Nightly products\"");

        assertThat(cli.run("schedule", "pause", "nightly").out()).contains("Paused nightly (paused)");
        assertThat(cli.run("schedule", "list").out()).contains("PAUSED");
        assertThat(cli.run("schedule", "resume", "nightly").out()).contains("Resumed nightly (enabled)");

        Cli.Result run = cli.run("schedule", "run", "nightly");
        assertThat(run.exit()).isZero();
        String runId = run.out().trim();
        assertThat(runId).startsWith("nightly-");
        assertThat(cli.run("jobs").out()).contains("queued 1, leased 0, done 0, dead 0").contains(runId);
        assertThat(cli.run("jobs", "queued").out()).contains(runId, "0/3");
        assertThat(cli.run("runs", "--run", runId).out()).contains("No job records");
        assertThat(cli.run("runs", "cancel", runId).out()).startsWith("Cancel requested for run " + runId + ": 1 job(s)");
        assertThat(cli.run("runs", "cancel", runId).out()).startsWith("Cancel was already requested");
        Cli.Result unknownRun = cli.run("runs", "cancel", "no-such-run");
        assertThat(unknownRun.exit()).isEqualTo(1);
        assertThat(unknownRun.err()).contains("no run \"no-such-run\" in the queue or the run history");

        assertThat(cli.run("schedule", "rm", "nightly").out()).contains("Removed schedule nightly");
        Cli.Result gone = cli.run("schedule", "show", "nightly");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("no schedule \"nightly\"");
        assertThat(cli.run("jobs", "replay", "nope").exit()).isEqualTo(1);
        assertThat(cli.run("jobs", "replay").exit()).isEqualTo(2);
        assertThat(cli.run("logs", "--severity", "LOUD").err()).contains("--severity: must be one of");
        Cli.Result tinyHistory = cli.run("up", "--log-history", "1");
        assertThat(tinyHistory.exit()).isEqualTo(2);
        assertThat(tinyHistory.err()).contains("--log-history: canary log history must be at least 2 MB, was 1 MB");
    }

    @Test
    void dataDirWorksBeforeTheSubcommandAndTheOneAfterItWins() throws Exception {
        Path spec = write("spec.json", SPEC);
        Path before = dir.resolve("before");
        Cli.Result added = Cli.runRaw("--data-dir", before.toString(), "schedule", "add", "early", "--cron", "0 9 * * *",
                "--tz", "UTC", "--spec", spec.toString());
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(Cli.runRaw("--data-dir", before.toString(), "schedule", "list").out()).contains("early");
        assertThat(new Cli(before).run("jobs").exit()).isZero();
        assertThat(new Cli(before).run("schedule", "list").out()).contains("early");

        Path after = dir.resolve("after");
        Cli.Result both = Cli.runRaw("--data-dir", before.toString(), "schedule", "list", "--data-dir", after.toString());
        assertThat(both.exit()).as(both.err()).isZero();
        assertThat(both.out()).doesNotContain("early").contains("No schedules in " + after);
    }

    @Test
    void runNowSaysWhetherARunningFactoryWillDeliverTheJobs() throws Exception {
        Path data = dir.resolve("data");
        Cli cli = new Cli(data);
        Path spec = write("spec.json", SPEC);
        assertThat(cli.run("schedule", "add", "once", "--cron", "0 9 * * *", "--spec", spec.toString()).exit()).isZero();

        Cli.Result idle = cli.run("schedule", "run", "once");
        assertThat(idle.exit()).isZero();
        assertThat(idle.err()).contains("no factory runs on " + data).contains("factory up --data-dir " + data);

        EngineLock engine = EngineLock.tryAcquire(data.resolve("engine.lock")).orElseThrow();
        try {
            Cli.Result running = cli.run("schedule", "run", "once");
            assertThat(running.exit()).isZero();
            assertThat(running.err()).contains("the running factory (process " + ProcessHandle.current().pid() + ")")
                    .contains("factory runs --run " + running.out().trim());
        } finally {
            engine.close();
        }
    }
}
