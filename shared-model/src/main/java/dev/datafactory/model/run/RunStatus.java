package dev.datafactory.model.run;

/** How a job ended. BLOCKED is not a success with no items: the site refused us, and the verdict says how. */
public enum RunStatus {
    SUCCEEDED, BLOCKED, FAILED, TIMED_OUT;

    public boolean isSuccess() {
        return this == SUCCEEDED;
    }
}
