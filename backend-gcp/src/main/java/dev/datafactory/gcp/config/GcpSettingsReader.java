package dev.datafactory.gcp.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.json.StrictObject;
import dev.datafactory.model.validation.Problems;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@link GcpSettings} from a JSON settings file (default {@code ~/.datafactory/gcp.json})
 * overlaid by environment variables {@code DATAFACTORY_GCP_<FIELD>} (e.g.
 * {@code DATAFACTORY_GCP_WORKER_URL}); {@code GOOGLE_CLOUD_PROJECT} and {@code PUBSUB_EMULATOR_HOST}
 * are honoured too. Strict: unknown fields and bad values fail with their path and a fix.
 */
public final class GcpSettingsReader {

    public static final String ENV_PREFIX = "DATAFACTORY_GCP_";

    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._~%+-]{2,254}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[a-z]+");
    private static final String[] FIELDS = {"project", "region", "jobsTopic", "pushSubscription", "deadLetterTopic",
        "deadLetterSubscription", "maxDeliveryAttempts", "bucket", "workerUrl", "orchestratorUrl",
        "schedulerServiceAccount", "pushServiceAccount", "env", "logName", "scheduleTarget", "scheduleTopic",
        "pubsubEndpoint"};

    private GcpSettingsReader() {
    }

    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".datafactory", "gcp.json");
    }

    /** Reads {@code file} when it exists, then applies the environment. */
    public static GcpSettings read(Path file, Map<String, String> environment) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        String source = file.toString();
        if (Files.isRegularFile(file)) {
            try {
                JsonNode parsed = Json.parseTree(source, Files.readString(file, StandardCharsets.UTF_8));
                if (parsed instanceof ObjectNode object) {
                    tree = object;
                } else {
                    throw dev.datafactory.model.validation.InvalidInputException.of(source, "",
                            "must be a JSON object with fields such as \"project\", \"region\", \"bucket\"");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read GCP settings " + file, e);
            }
        }
        overlay(tree, environment);
        return parse(source + " + environment", tree);
    }

    /** Parses a settings document (no environment); what the console's Settings screen writes. */
    public static GcpSettings parse(String source, JsonNode tree) {
        Problems p = new Problems();
        GcpSettings settings = StrictObject.root(tree, p).map(GcpSettingsReader::read).orElse(null);
        p.throwIfAny(source);
        return settings;
    }

    public static String toJson(GcpSettings s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("project", s.project());
        o.put("region", s.region());
        o.put("bucket", s.bucket());
        s.workerUrl().ifPresent(v -> o.put("workerUrl", v));
        s.orchestratorUrl().ifPresent(v -> o.put("orchestratorUrl", v));
        s.schedulerServiceAccount().ifPresent(v -> o.put("schedulerServiceAccount", v));
        s.pushServiceAccount().ifPresent(v -> o.put("pushServiceAccount", v));
        o.put("jobsTopic", s.jobsTopic());
        o.put("pushSubscription", s.pushSubscription());
        o.put("deadLetterTopic", s.deadLetterTopic());
        o.put("deadLetterSubscription", s.deadLetterSubscription());
        o.put("maxDeliveryAttempts", s.maxDeliveryAttempts());
        o.put("env", s.env());
        o.put("logName", s.logName());
        o.put("scheduleTarget", s.scheduleTarget().name().toLowerCase(Locale.ROOT));
        o.put("scheduleTopic", s.scheduleTopic());
        s.pubsubEndpoint().ifPresent(v -> o.put("pubsubEndpoint", v));
        return Json.writePretty(o);
    }

    private static void overlay(ObjectNode tree, Map<String, String> env) {
        Optional.ofNullable(env.get("GOOGLE_CLOUD_PROJECT")).filter(v -> !v.isBlank())
                .ifPresent(v -> tree.put("project", v));
        Optional.ofNullable(env.get("PUBSUB_EMULATOR_HOST")).filter(v -> !v.isBlank())
                .ifPresent(v -> tree.put("pubsubEndpoint", v));
        for (String field : FIELDS) {
            String value = env.get(ENV_PREFIX + snake(field));
            if (value != null && !value.isBlank()) {
                if (field.equals("maxDeliveryAttempts")) {
                    try {
                        tree.put(field, Integer.parseInt(value.trim()));
                    } catch (NumberFormatException e) {
                        tree.put(field, value);
                    }
                } else {
                    tree.put(field, value.trim());
                }
            }
        }
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static GcpSettings read(StrictObject o) {
        Problems p = o.problems();
        String project = o.requiredString("project");
        check(!project.isEmpty() && !PROJECT.matcher(project).matches(), p, o.path("project"),
                "must be a project id (6-30 lower-case letters, digits or '-'), not a project name or number; was \""
                        + project + "\"");
        if (!o.has("project")) {
            p.add(o.path("project"), "set it in the settings file or with GOOGLE_CLOUD_PROJECT");
        }
        String region = o.requiredString("region");
        if (!o.has("region")) {
            p.add(o.path("region"), "set it in the settings file or with " + ENV_PREFIX + "REGION (e.g. europe-west1)");
        }
        check(!region.isEmpty() && !region.matches("[a-z]+-[a-z]+\\d+"), p, o.path("region"),
                "must be a region such as europe-west1; was \"" + region + "\"");
        String bucket = o.requiredString("bucket");
        if (!o.has("bucket")) {
            p.add(o.path("bucket"), "set it in the settings file or with " + ENV_PREFIX + "BUCKET (a bucket name, no gs://)");
        }
        check(!bucket.isEmpty() && !BUCKET.matcher(bucket).matches(), p, o.path("bucket"),
                "must be a bucket name (3-222 lower-case letters, digits, '-', '_' or '.') without gs://; was \""
                        + bucket + "\"");
        GcpSettings d = GcpSettings.defaults(project, region, bucket);
        String jobsTopic = name(o, "jobsTopic", d.jobsTopic());
        String pushSubscription = name(o, "pushSubscription", d.pushSubscription());
        String deadLetterTopic = name(o, "deadLetterTopic", d.deadLetterTopic());
        String deadLetterSubscription = name(o, "deadLetterSubscription", d.deadLetterSubscription());
        int attempts = o.integer("maxDeliveryAttempts", d.maxDeliveryAttempts(), 5, 100);
        Optional<String> workerUrl = url(o, "workerUrl");
        Optional<String> orchestratorUrl = url(o, "orchestratorUrl");
        Optional<String> schedulerSa = email(o, "schedulerServiceAccount");
        Optional<String> pushSa = email(o, "pushServiceAccount");
        String env = o.string("env", d.env());
        String logName = o.string("logName", d.logName());
        String targetText = o.string("scheduleTarget", "http");
        GcpSettings.ScheduleTarget target = GcpSettings.ScheduleTarget.HTTP;
        try {
            target = GcpSettings.ScheduleTarget.valueOf(targetText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            p.add(o.path("scheduleTarget"), "must be http or pubsub; was \"" + targetText + "\"");
        }
        String scheduleTopic = name(o, "scheduleTopic", d.scheduleTopic());
        Optional<String> pubsubEndpoint = o.optionalString("pubsubEndpoint");
        pubsubEndpoint.ifPresent(e -> check(!e.matches("[A-Za-z0-9.-]+:\\d{1,5}"), p, o.path("pubsubEndpoint"),
                "must be host:port of a Pub/Sub emulator such as 127.0.0.1:8085; was \"" + e + "\""));
        o.finish();
        return new GcpSettings(project, region, jobsTopic, pushSubscription, deadLetterTopic, deadLetterSubscription,
                attempts, bucket, workerUrl, orchestratorUrl, schedulerSa, pushSa, env, logName, target, scheduleTopic,
                pubsubEndpoint);
    }

    private static String name(StrictObject o, String field, String fallback) {
        String value = o.string(field, fallback);
        check(!NAME.matcher(value).matches() || value.startsWith("goog"), o.problems(), o.path(field),
                "must be a Pub/Sub name: 3-255 letters, digits or - _ . ~ + %, starting with a letter, not \"goog\";"
                        + " was \"" + value + "\"");
        return value;
    }

    private static Optional<String> url(StrictObject o, String field) {
        Optional<String> value = o.optionalString(field);
        value.ifPresent(u -> {
            try {
                URI uri = new URI(u);
                check(uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null,
                        o.problems(), o.path(field), "must be an https:// URL such as https://worker-abc-ew.a.run.app;"
                                + " was \"" + u + "\"");
            } catch (java.net.URISyntaxException e) {
                o.problems().add(o.path(field), "is not a URL: " + e.getReason());
            }
        });
        return value;
    }

    private static Optional<String> email(StrictObject o, String field) {
        Optional<String> value = o.optionalString(field);
        value.ifPresent(v -> check(!EMAIL.matcher(v).matches(), o.problems(), o.path(field),
                "must be a service account email such as factory@PROJECT.iam.gserviceaccount.com; was \"" + v + "\""));
        return value;
    }

    private static void check(boolean bad, Problems p, String path, String reason) {
        if (bad) {
            p.add(path, reason);
        }
    }
}
