package dev.datafactory.gcp.pubsub;

/** One resource that provisioning looked at, and what it did about it. */
public record ProvisioningStep(String resource, Action action, String detail) {

    public enum Action {
        CREATED, UPDATED, VERIFIED,
        /** Not done here; the detail says how to do it by hand. */
        SKIPPED
    }

    @Override
    public String toString() {
        return action + " " + resource + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
