package dev.datafactory.model.run;

/**
 * How a job ended. BLOCKED is not a success with no items: the site refused us, and the verdict says how.
 * CANCELLED: an operator cancelled the run; the worker stopped between pages and kept what it had.
 */
public enum RunStatus {
    SUCCEEDED, BLOCKED, FAILED, TIMED_OUT, CANCELLED;

    public boolean isSuccess() {
        return this == SUCCEEDED;
    }
}
