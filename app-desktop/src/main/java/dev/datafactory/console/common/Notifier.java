package dev.datafactory.console.common;

/**
 * Tells the operator something outside the current dialog: the shell shows it in its message bar;
 * tests record it. Messages are sentences a person can act on, never stack traces.
 */
public interface Notifier {

    void info(String message);

    void error(String message);

    /** {@link UserMessages#describe(Throwable)} of the error, shown as an error. */
    default void error(Throwable error) {
        error(UserMessages.describe(error));
    }
}
