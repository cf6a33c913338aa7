package dev.datafactory.console.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.json.StrictObject;
import dev.datafactory.model.validation.Problems;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Backend settings as JSON ({@code console-settings.json}), read strictly: an operator may edit
 * the file, and a typo must name its field. {@link #check} is also what the Settings screen runs
 * on every change.
 */
public final class BackendSettingsCodec {

    /** GCP's rule for project ids: 6-30 characters, lower-case letters, digits and hyphens. */
    static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    static final Pattern REGION = Pattern.compile("[a-z]+-[a-z]+[0-9]+");
    static final Pattern TOPIC = Pattern.compile("[A-Za-z][A-Za-z0-9._~+%-]{2,254}");
    static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]");

    private BackendSettingsCodec() {
    }

    public static BackendSettings parse(String source, String json) {
        JsonNode tree = Json.parseTree(source, json);
        Problems p = new Problems();
        BackendSettings settings = StrictObject.root(tree, p).map(BackendSettingsCodec::read).orElse(null);
        p.throwIfAny(source);
        return settings;
    }

    static BackendSettings read(StrictObject o) {
        String kindText = o.string("backend", "local");
        BackendSettings.Kind kind = BackendSettings.Kind.LOCAL;
        try {
            kind = BackendSettings.Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            o.problems().add(o.path("backend"), "must be \"local\" or \"gcp\"; was \"" + kindText + "\"");
        }
        String dataDir = o.string("dataDir", "");
        Path dir = Path.of(".");
        try {
            dir = Path.of(dataDir);
        } catch (InvalidPathException e) {
            o.problems().add(o.path("dataDir"), "is not a valid path: " + e.getReason());
        }
        BackendSettings s = new BackendSettings(kind, dir, o.string("gcpProject", ""), o.string("gcpRegion", ""),
                o.string("topic", ""), o.string("bucket", ""), o.string("workerUrl", ""));
        o.finish();
        check(s, o.problems());
        return s;
    }

    public static String toJson(BackendSettings s) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("backend", s.kind().name().toLowerCase(Locale.ROOT));
        n.put("dataDir", s.localDataDir().toString());
        n.put("gcpProject", s.gcpProject());
        n.put("gcpRegion", s.gcpRegion());
        n.put("topic", s.topic());
        n.put("bucket", s.bucket());
        n.put("workerUrl", s.workerUrl());
        return Json.writePretty(n);
    }

    /**
     * Checks the fields the chosen backend uses; problems are keyed by field name. On the local
     * factory a GCP project is optional (Test scrape offers its cloud worker); once one is named,
     * its fields are checked as well.
     */
    public static void check(BackendSettings s, Problems p) {
        boolean local = s.kind() == BackendSettings.Kind.LOCAL;
        if (local && s.localDataDir().toString().isBlank()) {
            p.add("dataDir", "is required: the directory of the local factory, e.g. ~/.datafactory");
        }
        if (!local || !s.gcpProject().isBlank()) {
            String needed = local ? "is required with a project (Test scrape's cloud worker uses it); "
                    : "is required for the GCP backend; ";
            require(s.gcpProject(), PROJECT, "gcpProject", "must be a GCP project id: 6-30 lower-case letters,"
                    + " digits or hyphens, starting with a letter (e.g. my-scraper-prod)", needed, p);
            require(s.gcpRegion(), REGION, "gcpRegion", "must be a region such as europe-west1 or us-central1",
                    needed, p);
            require(s.topic(), TOPIC, "topic", "must be a Pub/Sub topic id such as jobs (3-255 characters,"
                    + " starting with a letter)", needed, p);
            require(s.bucket(), BUCKET, "bucket", "must be a Cloud Storage bucket name: 3-63 lower-case letters,"
                    + " digits, '-', '_' or '.'", needed, p);
        }
        if (!s.workerUrl().isBlank()) {
            try {
                URI uri = new URI(s.workerUrl().trim());
                if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                    p.add("workerUrl", "must be an http(s) URL such as https://worker-abc-ew.a.run.app; was \""
                            + s.workerUrl() + "\"");
                }
            } catch (URISyntaxException e) {
                p.add("workerUrl", "is not a valid URL (" + e.getReason() + ")");
            }
        }
    }

    private static void require(String value, Pattern pattern, String field, String reason, String needed,
                                Problems p) {
        if (value.isBlank()) {
            p.add(field, needed + reason);
        } else if (!pattern.matcher(value.trim()).matches()) {
            p.add(field, reason + "; was \"" + value + "\"");
        }
    }
}
