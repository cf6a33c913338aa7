package dev.datafactory.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * cloudbuild.yaml as Cloud Build reads it: steps in order, declared substitutions, and the
 * substitution rules ({@code $NAME}, {@code ${NAME}}, {@code $$} for a literal dollar sign).
 */
record CloudBuildFile(String text, JsonNode root) {

    /** Substitutions Cloud Build provides itself (cloud.google.com/build/docs/configuring-builds/substitute-variable-values). */
    static final Set<String> BUILT_INS = Set.of("PROJECT_ID", "BUILD_ID", "PROJECT_NUMBER", "LOCATION",
            "TRIGGER_NAME", "COMMIT_SHA", "REVISION_ID", "SHORT_SHA", "REPO_NAME", "REPO_FULL_NAME",
            "BRANCH_NAME", "TAG_NAME", "REF_NAME", "TRIGGER_BUILD_CONFIG_PATH", "SERVICE_ACCOUNT_EMAIL",
            "SERVICE_ACCOUNT", "_HEAD_BRANCH", "_BASE_BRANCH", "_HEAD_REPO_URL", "_PR_NUMBER");

    static CloudBuildFile load() {
        String text = RepoFiles.read("cloudbuild.yaml");
        try {
            return new CloudBuildFile(text, new YAMLMapper().readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException("cloudbuild.yaml is not valid YAML", e);
        }
    }

    List<JsonNode> steps() {
        List<JsonNode> steps = new ArrayList<>();
        root.path("steps").forEach(steps::add);
        return steps;
    }

    JsonNode step(String id) {
        return steps().stream().filter(s -> id.equals(s.path("id").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("cloudbuild.yaml has no step with id '" + id + "'"));
    }

    /** Everything a step runs, as one string: its image, entrypoint and arguments. */
    static String commandText(JsonNode step) {
        StringBuilder text = new StringBuilder(step.path("name").asText()).append(' ')
                .append(step.path("entrypoint").asText());
        step.path("args").forEach(arg -> text.append(' ').append(arg.asText()));
        return text.toString();
    }

    /** The script of a {@code bash -c SCRIPT} (or {@code sh -c}) step. */
    static String script(JsonNode step) {
        JsonNode args = step.path("args");
        if (args.size() != 2 || !"-c".equals(args.get(0).asText())) {
            throw new AssertionError("step " + step.path("id").asText() + " is not a '-c SCRIPT' step: " + args);
        }
        return args.get(1).asText();
    }

    Map<String, String> declaredSubstitutions() {
        Map<String, String> declared = new LinkedHashMap<>();
        root.path("substitutions").properties().forEach(e -> declared.put(e.getKey(), e.getValue().asText()));
        return declared;
    }

    /** Declared substitutions with their defaults resolved (dynamic substitutions), given the built-ins. */
    Map<String, String> resolvedSubstitutions(Map<String, String> builtIns) {
        Map<String, String> values = new LinkedHashMap<>(builtIns);
        declaredSubstitutions().forEach((name, value) -> values.put(name, render(value, builtIns)));
        return values;
    }

    /** Every substitution name the text refers to (after {@code $$} escapes). */
    static Set<String> referencedNames(String text) {
        Set<String> names = new LinkedHashSet<>();
        scan(text, names::add, null);
        return names;
    }

    /** Applies substitutions the way Cloud Build does; unknown names and bare dollar signs are errors. */
    static String render(String text, Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        List<String> problems = new ArrayList<>();
        scan(text, name -> {
            String value = values.get(name);
            if (value == null) {
                problems.add("$" + name);
            } else {
                out.append(value);
            }
        }, out);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("undeclared substitutions " + problems + " (declare them under"
                    + " substitutions: or escape a shell variable as $$NAME)");
        }
        return out.toString();
    }

    private static void scan(String text, java.util.function.Consumer<String> onName, StringBuilder literal) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                if (literal != null) {
                    literal.append(c);
                }
                i++;
                continue;
            }
            char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
            if (next == '$') {
                if (literal != null) {
                    literal.append('$');
                }
                i += 2;
            } else if (next == '{') {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed ${ at offset " + i);
                }
                onName.accept(text.substring(i + 2, end));
                i = end + 1;
            } else if (Character.isLetter(next) || next == '_') {
                int end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                onName.accept(text.substring(i + 1, end));
                i = end;
            } else {
                throw new IllegalArgumentException("bare '$' at offset " + i + " near '"
                        + text.substring(Math.max(0, i - 20), Math.min(text.length(), i + 20))
                        + "': Cloud Build needs $$ for a literal dollar sign");
            }
        }
    }
}
