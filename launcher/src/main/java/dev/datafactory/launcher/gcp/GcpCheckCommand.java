package dev.datafactory.launcher.gcp;

import dev.datafactory.gcp.GcpClients;
import dev.datafactory.gcp.check.CheckResult;
import dev.datafactory.gcp.check.GcpCheck;
import dev.datafactory.gcp.config.GcpSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code factory gcp check}: what works and what does not, service by service; changes nothing. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Report, per service, whether the configured project is reachable, permitted and provisioned."
                + " Exit code 0 when nothing failed.")
public final class GcpCheckCommand implements Callable<Integer> {

    @Mixin
    GcpSettingsOption settings;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        GcpSettings s = settings.read();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Checking project %s, region %s, bucket gs://%s%n", s.project(), s.region(), s.bucket());
        List<CheckResult> results;
        try (GcpClients clients = new GcpClients(s)) {
            results = new GcpCheck(clients).run();
        }
        print(out, results);
        long failed = results.stream().filter(r -> r.outcome() == CheckResult.Outcome.FAIL).count();
        out.println(failed == 0 ? "All checks passed." : failed + " check(s) failed.");
        return failed == 0 ? 0 : 1;
    }

    static void print(PrintWriter out, List<CheckResult> results) {
        for (CheckResult r : results) {
            String tag = switch (r.outcome()) {
                case OK -> "[ OK ]";
                case WARN -> "[WARN]";
                case FAIL -> "[FAIL]";
                case SKIPPED -> "[SKIP]";
            };
            out.printf(Locale.ROOT, "%s %-15s %s: %s%n", tag, r.service(), r.item(), r.detail());
        }
    }
}
