package dev.datafactory.worker.engine;

/** The browser could not be started or was lost: the job may succeed on another try. */
public final class BrowserUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BrowserUnavailableException(String message) {
        super(message);
    }

    public BrowserUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
