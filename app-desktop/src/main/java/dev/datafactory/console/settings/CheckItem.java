package dev.datafactory.console.settings;

/** One line of a connection test: what was tried, whether it worked, and the detail or the fix. */
public record CheckItem(String what, Outcome outcome, String detail) {

    public enum Outcome {
        OK, WARNING, FAILED, SKIPPED
    }

    public static CheckItem ok(String what, String detail) {
        return new CheckItem(what, Outcome.OK, detail);
    }

    public static CheckItem warning(String what, String detail) {
        return new CheckItem(what, Outcome.WARNING, detail);
    }

    public static CheckItem failed(String what, String detail) {
        return new CheckItem(what, Outcome.FAILED, detail);
    }

    public static CheckItem skipped(String what, String detail) {
        return new CheckItem(what, Outcome.SKIPPED, detail);
    }
}
