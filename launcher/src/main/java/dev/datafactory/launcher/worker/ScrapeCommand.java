package dev.datafactory.launcher.worker;

import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.spec.ScrapeSpec;
import dev.datafactory.model.spec.ScrapeSpecCodec;
import dev.datafactory.worker.engine.EngineConfig;
import dev.datafactory.worker.engine.JobOutcome;
import dev.datafactory.worker.engine.ScrapeEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code factory scrape SPEC.json --out DIR}: a one-off test scrape through the same engine the
 * worker uses, in-process, with live progress and a summary.
 */
@Command(name = "scrape", mixinStandardHelpOptions = true, description = {
        "Scrape once with a spec, in this process, through the worker's engine.",
        "Writes DIR/items.jsonl, DIR/run.json, DIR/screenshots/ and DIR/canary.jsonl (replacing an earlier",
        "scrape's), shows progress on stderr and a summary on stdout.",
        "Exit code: 0 succeeded, 1 failed, 3 blocked, 4 timed out, 5 browser lost (try again), 2 invalid spec."})
public final class ScrapeCommand implements Callable<Integer> {

    static final int FAILED = 1;
    static final int BLOCKED = 3;
    static final int TIMED_OUT = 4;
    static final int RETRY = 5;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC.json", description = "The scrape spec (see DESIGN.md).")
    Path specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Pages loaded at once (default: one per CPU core, here ${DEFAULT-VALUE}).")
    int concurrency = EngineConfig.defaultConcurrency();

    @Override
    public Integer call() {
        ScrapeSpec scrapeSpec = ScrapeSpecCodec.parse(specFile.toString(), read(specFile));
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC)
                .format(Instant.now());
        JobRequest job = new JobRequest("scrape-" + stamp, "scrape-" + stamp, "scrape", Trigger.TEST, 1, scrapeSpec,
                Instant.now());
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        try (ScrapeOutput output = ScrapeOutput.open(out)) {
            EngineConfig config = EngineConfig.defaults("local").withConcurrency(concurrency);
            ProgressLine progress = new ProgressLine(err, System.console() != null);
            JobOutcome outcome;
            try (ScrapeEngine engine = ScrapeEngine.start(config, output.store(), output)) {
                outcome = engine.run(job, progress);
            }
            progress.finish();
            return summarize(outcome, output, stdout);
        }
    }

    private static int summarize(JobOutcome outcome, ScrapeOutput output, PrintWriter out) {
        if (outcome instanceof JobOutcome.Retryable retry) {
            out.println("NOT RECORDED: " + retry.reason() + " (try again)");
            return RETRY;
        }
        if (!(outcome instanceof JobOutcome.Recorded recorded)) {
            out.println("already done: " + outcome);
            return 0;
        }
        RunRecord r = recorded.record();
        double seconds = r.duration().toMillis() / 1000.0;
        out.printf(Locale.ROOT, "%s: %d items from %d pages in %.1f s (%.0f pages/min)%n", r.status(), r.items(),
                r.pages(), seconds, seconds > 0 ? r.pages() * 60 / seconds : 0);
        r.error().ifPresent(e -> out.println("  reason:      " + e));
        if (r.verdict().blocked()) {
            out.println("  verdict:     " + r.verdict().summary());
        }
        out.println("  items:       " + output.dir().resolve(ScrapeOutput.ITEMS));
        out.println("  screenshots: " + output.dir().resolve(ScrapeOutput.SCREENSHOTS) + " (" + r.screenshots().size()
                + ")");
        out.println("  run record:  " + output.dir().resolve(ScrapeOutput.RUN));
        out.println("  canary log:  " + output.dir().resolve(ScrapeOutput.CANARY));
        var fp = r.fingerprint();
        if (fp.browserVersion().isEmpty()) {
            // No page was loaded (e.g. the address guard refused the start URL): no fingerprint to show.
            out.println("  browser:     not reached (no page loaded), build " + r.build());
        } else {
            out.println("  browser:     " + fp.browserVersion() + ", webdriver=" + fp.webdriver() + ", "
                    + fp.timeZone() + ", " + fp.viewportWidth() + "x" + fp.viewportHeight() + ", build " + r.build());
        }
        out.flush();
        return switch (r.status()) {
            case SUCCEEDED -> 0;
            case BLOCKED -> BLOCKED;
            case TIMED_OUT -> TIMED_OUT;
            // A one-off scrape has no cancel request of its own (Ctrl-C ends it); one found in its store fails it.
            case FAILED, CANCELLED -> FAILED;
        };
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no spec file " + file + "; give the path of a scrape spec JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spec " + file + ": " + e.getMessage(), e);
        }
    }
}
