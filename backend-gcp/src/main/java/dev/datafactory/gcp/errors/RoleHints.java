package dev.datafactory.gcp.errors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The predefined role that grants a permission the services name in their PERMISSION_DENIED
 * errors. Services name the permission, not the role; an operator needs the role to fix it.
 */
final class RoleHints {

    /** Longest prefix first; the first match wins. */
    private static final Map<String, String> BY_PREFIX = new LinkedHashMap<>();

    static {
        BY_PREFIX.put("pubsub.topics.publish", "roles/pubsub.publisher");
        BY_PREFIX.put("pubsub.subscriptions.consume", "roles/pubsub.subscriber");
        BY_PREFIX.put("pubsub.", "roles/pubsub.editor");
        BY_PREFIX.put("cloudscheduler.jobs.get", "roles/cloudscheduler.viewer");
        BY_PREFIX.put("cloudscheduler.jobs.list", "roles/cloudscheduler.viewer");
        BY_PREFIX.put("cloudscheduler.", "roles/cloudscheduler.admin");
        BY_PREFIX.put("logging.logEntries.create", "roles/logging.logWriter");
        BY_PREFIX.put("logging.", "roles/logging.viewer");
        BY_PREFIX.put("storage.objects.get", "roles/storage.objectViewer");
        BY_PREFIX.put("storage.objects.list", "roles/storage.objectViewer");
        BY_PREFIX.put("storage.objects.", "roles/storage.objectUser");
        BY_PREFIX.put("storage.buckets.", "roles/storage.admin");
        BY_PREFIX.put("iam.serviceAccounts.actAs", "roles/iam.serviceAccountUser");
        BY_PREFIX.put("iam.serviceAccounts.getAccessToken", "roles/iam.serviceAccountTokenCreator");
        BY_PREFIX.put("iam.serviceAccounts.getOpenIdToken", "roles/iam.serviceAccountOpenIdTokenCreator");
        BY_PREFIX.put("serviceusage.", "roles/serviceusage.serviceUsageConsumer");
    }

    private RoleHints() {
    }

    static Optional<String> roleFor(String permission) {
        return BY_PREFIX.entrySet().stream().filter(e -> permission.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst();
    }
}
