package dev.datafactory.worker.engine;

/** One readable line out of an exception message, for run records and canary lines. */
final class ErrorReasons {

    private static final String MESSAGE_FIELD = "message='";

    private ErrorReasons() {
    }

    /**
     * The first line of the message, except for Playwright's serialized errors ("Error {\n  message='net::...'\n
     * name=...\n  stack=...}"), whose first line says nothing: there the message field's first line is the reason.
     */
    static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String first = lineOf(message, 0);
        if (first.strip().endsWith("{")) {
            int field = message.indexOf(MESSAGE_FIELD);
            if (field >= 0) {
                String reason = lineOf(message, field + MESSAGE_FIELD.length()).strip();
                if (!reason.isEmpty()) {
                    return reason;
                }
            }
        }
        return first;
    }

    private static String lineOf(String text, int from) {
        int newline = text.indexOf('\n', from);
        return newline < 0 ? text.substring(from) : text.substring(from, newline);
    }
}
