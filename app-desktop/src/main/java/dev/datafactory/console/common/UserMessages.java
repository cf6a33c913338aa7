package dev.datafactory.console.common;

import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.validation.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/** Turns a failure into a sentence for the operator: what failed and what to do. No stack traces. */
public final class UserMessages {

    private UserMessages() {
    }

    public static String describe(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof InvalidInputException invalid) {
            return invalid.source() + " is invalid: " + invalid.problems().stream().map(Object::toString)
                    .collect(Collectors.joining("; "));
        }
        if (e instanceof BackendException backend) {
            return backend.getMessage();
        }
        if (e instanceof CancellationException || e instanceof InterruptedException) {
            return "Cancelled.";
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            return "Could not read or write: " + text(e) + ". Check that the path exists and is writable.";
        }
        return "Unexpected error (" + e.getClass().getSimpleName() + "): " + text(e)
                + ". Details are in the console log.";
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof ExecutionException || e instanceof CompletionException
                || e instanceof UndeclaredThrowableException || e instanceof InvocationTargetException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return u;
        }
        return e;
    }

    private static String text(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
