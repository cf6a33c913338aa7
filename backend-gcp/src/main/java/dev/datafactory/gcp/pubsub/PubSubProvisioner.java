package dev.datafactory.gcp.pubsub;

import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.protobuf.FieldMask;
import com.google.pubsub.v1.DeadLetterPolicy;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.RetryPolicy;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.Topic;
import dev.datafactory.gcp.config.GcpSettings;
import dev.datafactory.gcp.errors.GcpErrors;
import dev.datafactory.gcp.pubsub.ProvisioningStep.Action;
import dev.datafactory.model.ports.BackendException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates or verifies the queue: the jobs topic, the push subscription that delivers to the
 * worker with an OIDC token (audience = worker URL), ack deadline 600 s, exponential retry and a
 * dead-letter topic after {@code maxDeliveryAttempts}, plus a pull subscription on the dead-letter
 * topic so that nothing dead-lettered is lost. Idempotent: run it after every settings change.
 */
public final class PubSubProvisioner {

    /** A job may take minutes (Playwright, many pages); Pub/Sub's maximum is 600 s. */
    public static final int ACK_DEADLINE_SECONDS = 600;
    /** Dead-lettered jobs are kept for Pub/Sub's maximum retention so operators can inspect them. */
    private static final com.google.protobuf.Duration DEAD_LETTER_RETENTION =
            com.google.protobuf.Duration.newBuilder().setSeconds(7 * 24 * 3600).build();

    private final TopicAdminClient topics;
    private final SubscriptionAdminClient subscriptions;
    private final Duration minBackoff;
    private final Duration maxBackoff;

    public PubSubProvisioner(TopicAdminClient topics, SubscriptionAdminClient subscriptions) {
        this(topics, subscriptions, Duration.ofSeconds(10), Duration.ofSeconds(600));
    }

    /** With explicit redelivery backoff (Pub/Sub allows 0-600 s). */
    public PubSubProvisioner(TopicAdminClient topics, SubscriptionAdminClient subscriptions, Duration minBackoff,
                             Duration maxBackoff) {
        this.topics = topics;
        this.subscriptions = subscriptions;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
    }

    public List<ProvisioningStep> provision(GcpSettings s) {
        return provision(s, Optional.empty());
    }

    /**
     * Also grants Pub/Sub's service agent ({@code service-NUMBER@gcp-sa-pubsub.iam.gserviceaccount.com})
     * what dead-lettering needs when the project number is given: publisher on the dead-letter topic,
     * subscriber on the push subscription. Without these, Pub/Sub cannot forward undeliverable jobs.
     */
    public List<ProvisioningStep> provision(GcpSettings s, Optional<String> projectNumber) {
        String pushEndpoint = s.pushEndpoint().orElseThrow(() -> new BackendException(
                BackendException.Kind.FAILED_PRECONDITION, "Cannot provision the push subscription: the GCP settings"
                + " have no workerUrl. Deploy the worker, then set workerUrl to its https:// URL."));
        String audience = s.workerUrl().orElseThrow();
        List<ProvisioningStep> steps = new ArrayList<>();
        String jobsTopic = topicName(s, s.jobsTopic());
        String deadTopic = topicName(s, s.deadLetterTopic());
        steps.add(topic(jobsTopic));
        steps.add(topic(deadTopic));

        PushConfig.Builder push = PushConfig.newBuilder().setPushEndpoint(pushEndpoint);
        s.pushServiceAccount().ifPresent(sa -> push.setOidcToken(PushConfig.OidcToken.newBuilder()
                .setServiceAccountEmail(sa).setAudience(audience)));
        Subscription wanted = Subscription.newBuilder()
                .setName(subscriptionName(s, s.pushSubscription()))
                .setTopic(jobsTopic)
                .setPushConfig(push)
                .setAckDeadlineSeconds(ACK_DEADLINE_SECONDS)
                .setRetryPolicy(RetryPolicy.newBuilder().setMinimumBackoff(proto(minBackoff))
                        .setMaximumBackoff(proto(maxBackoff)))
                .setDeadLetterPolicy(DeadLetterPolicy.newBuilder().setDeadLetterTopic(deadTopic)
                        .setMaxDeliveryAttempts(s.maxDeliveryAttempts()))
                .build();
        steps.add(subscription(wanted, FieldMask.newBuilder().addPaths("push_config").addPaths("ack_deadline_seconds")
                .addPaths("retry_policy").addPaths("dead_letter_policy").build()));

        Subscription keep = Subscription.newBuilder()
                .setName(subscriptionName(s, s.deadLetterSubscription()))
                .setTopic(deadTopic)
                .setAckDeadlineSeconds(60)
                .setMessageRetentionDuration(DEAD_LETTER_RETENTION)
                .build();
        steps.add(subscription(keep, FieldMask.newBuilder().addPaths("message_retention_duration").build()));
        steps.add(deadLetterRoles(s, projectNumber, deadTopic, wanted.getName()));
        return steps;
    }

    private ProvisioningStep deadLetterRoles(GcpSettings s, Optional<String> projectNumber, String deadTopic,
                                             String pushSubscription) {
        String resource = "IAM for dead-lettering";
        String agent = "serviceAccount:service-" + projectNumber.orElse("PROJECT_NUMBER")
                + "@gcp-sa-pubsub.iam.gserviceaccount.com";
        String byHand = "grant it by hand: gcloud pubsub topics add-iam-policy-binding " + s.deadLetterTopic()
                + " --member=" + agent + " --role=roles/pubsub.publisher && gcloud pubsub subscriptions"
                + " add-iam-policy-binding " + s.pushSubscription() + " --member=" + agent
                + " --role=roles/pubsub.subscriber";
        if (projectNumber.isEmpty()) {
            return new ProvisioningStep(resource, Action.SKIPPED, "project number unknown; " + byHand);
        }
        try {
            boolean changed = grant(deadTopic, agent, "roles/pubsub.publisher", true)
                    | grant(pushSubscription, agent, "roles/pubsub.subscriber", false);
            return new ProvisioningStep(resource, changed ? Action.UPDATED : Action.VERIFIED,
                    agent + " may publish to " + s.deadLetterTopic() + " and subscribe to " + s.pushSubscription());
        } catch (com.google.api.gax.rpc.UnimplementedException e) {
            return new ProvisioningStep(resource, Action.SKIPPED, "this endpoint has no IAM (Pub/Sub emulator)");
        } catch (RuntimeException e) {
            throw GcpErrors.map("granting Pub/Sub's service agent the dead-letter roles (or " + byHand + ")", e);
        }
    }

    /** Adds {@code member} to {@code role} on a topic or subscription; returns whether the policy changed. */
    private boolean grant(String resource, String member, String role, boolean topic) {
        com.google.iam.v1.GetIamPolicyRequest get = com.google.iam.v1.GetIamPolicyRequest.newBuilder()
                .setResource(resource).build();
        com.google.iam.v1.Policy policy = topic ? topics.getIamPolicy(get) : subscriptions.getIamPolicy(get);
        boolean present = policy.getBindingsList().stream()
                .anyMatch(b -> b.getRole().equals(role) && b.getMembersList().contains(member));
        if (present) {
            return false;
        }
        com.google.iam.v1.Policy updated = policy.toBuilder().addBindings(com.google.iam.v1.Binding.newBuilder()
                .setRole(role).addMembers(member)).build();
        com.google.iam.v1.SetIamPolicyRequest set = com.google.iam.v1.SetIamPolicyRequest.newBuilder()
                .setResource(resource).setPolicy(updated).build();
        if (topic) {
            topics.setIamPolicy(set);
        } else {
            subscriptions.setIamPolicy(set);
        }
        return true;
    }

    public static String topicName(GcpSettings s, String topic) {
        return "projects/" + s.project() + "/topics/" + topic;
    }

    public static String subscriptionName(GcpSettings s, String subscription) {
        return "projects/" + s.project() + "/subscriptions/" + subscription;
    }

    private ProvisioningStep topic(String name) {
        try {
            topics.getTopic(name);
            return new ProvisioningStep(name, Action.VERIFIED, "exists");
        } catch (NotFoundException e) {
            try {
                topics.createTopic(Topic.newBuilder().setName(name).build());
                return new ProvisioningStep(name, Action.CREATED, "");
            } catch (com.google.api.gax.rpc.AlreadyExistsException raced) {
                return new ProvisioningStep(name, Action.VERIFIED, "created concurrently");
            } catch (RuntimeException failure) {
                throw GcpErrors.map("creating Pub/Sub topic " + name, failure);
            }
        } catch (RuntimeException e) {
            throw GcpErrors.map("reading Pub/Sub topic " + name, e);
        }
    }

    private ProvisioningStep subscription(Subscription wanted, FieldMask updatable) {
        String name = wanted.getName();
        Subscription existing;
        try {
            existing = subscriptions.getSubscription(name);
        } catch (NotFoundException e) {
            try {
                subscriptions.createSubscription(wanted);
                return new ProvisioningStep(name, Action.CREATED, describe(wanted));
            } catch (RuntimeException failure) {
                throw GcpErrors.map("creating Pub/Sub subscription " + name, failure);
            }
        } catch (RuntimeException e) {
            throw GcpErrors.map("reading Pub/Sub subscription " + name, e);
        }
        if (!existing.getTopic().equals(wanted.getTopic())) {
            throw new BackendException(BackendException.Kind.FAILED_PRECONDITION, "Pub/Sub subscription " + name
                    + " exists but is attached to " + existing.getTopic() + ", not " + wanted.getTopic()
                    + ". A subscription cannot change topic: delete it (`gcloud pubsub subscriptions delete " + name
                    + "`) or choose another name in the GCP settings, then provision again.");
        }
        List<String> differences = differences(existing, wanted, updatable);
        if (differences.isEmpty()) {
            return new ProvisioningStep(name, Action.VERIFIED, describe(existing));
        }
        try {
            subscriptions.updateSubscription(com.google.pubsub.v1.UpdateSubscriptionRequest.newBuilder()
                    .setSubscription(wanted).setUpdateMask(updatable).build());
        } catch (RuntimeException e) {
            throw GcpErrors.map("updating Pub/Sub subscription " + name, e);
        }
        return new ProvisioningStep(name, Action.UPDATED, String.join(", ", differences));
    }

    private static List<String> differences(Subscription have, Subscription want, FieldMask mask) {
        List<String> out = new ArrayList<>();
        for (String path : mask.getPathsList()) {
            boolean same = switch (path) {
                case "push_config" -> have.getPushConfig().getPushEndpoint().equals(want.getPushConfig().getPushEndpoint())
                        && have.getPushConfig().getOidcToken().equals(want.getPushConfig().getOidcToken());
                case "ack_deadline_seconds" -> have.getAckDeadlineSeconds() == want.getAckDeadlineSeconds();
                case "retry_policy" -> have.getRetryPolicy().equals(want.getRetryPolicy());
                case "dead_letter_policy" -> have.getDeadLetterPolicy().equals(want.getDeadLetterPolicy());
                case "message_retention_duration" ->
                        have.getMessageRetentionDuration().equals(want.getMessageRetentionDuration());
                default -> true;
            };
            if (!same) {
                out.add(path + " changed");
            }
        }
        return out;
    }

    private static String describe(Subscription s) {
        StringBuilder b = new StringBuilder();
        if (s.hasPushConfig() && !s.getPushConfig().getPushEndpoint().isEmpty()) {
            b.append("push to ").append(s.getPushConfig().getPushEndpoint());
            if (s.getPushConfig().hasOidcToken()) {
                b.append(" as ").append(s.getPushConfig().getOidcToken().getServiceAccountEmail());
            }
        } else {
            b.append("pull");
        }
        b.append(", ack deadline ").append(s.getAckDeadlineSeconds()).append(" s");
        if (s.hasDeadLetterPolicy()) {
            b.append(", dead-letter to ").append(s.getDeadLetterPolicy().getDeadLetterTopic()).append(" after ")
                    .append(s.getDeadLetterPolicy().getMaxDeliveryAttempts()).append(" attempts");
        }
        return b.toString();
    }

    private static com.google.protobuf.Duration proto(Duration d) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(d.getSeconds()).setNanos(d.getNano()).build();
    }
}
