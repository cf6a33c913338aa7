package dev.datafactory.gcp.check;

/** One finding of {@link GcpCheck}: which service and resource, how it stands, and what to do. */
public record CheckResult(String service, String item, Outcome outcome, String detail) {

    public enum Outcome {
        OK, WARN, FAIL, SKIPPED
    }

    static CheckResult ok(String service, String item, String detail) {
        return new CheckResult(service, item, Outcome.OK, detail);
    }

    static CheckResult warn(String service, String item, String detail) {
        return new CheckResult(service, item, Outcome.WARN, detail);
    }

    static CheckResult fail(String service, String item, String detail) {
        return new CheckResult(service, item, Outcome.FAIL, detail);
    }

    static CheckResult skipped(String service, String item, String detail) {
        return new CheckResult(service, item, Outcome.SKIPPED, detail);
    }
}
