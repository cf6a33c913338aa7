package dev.datafactory.console.testscrape;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafactory.model.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The extracted items of a result file ({@code results/…jsonl}) as table rows: one map per item,
 * text fields as they are, lists and objects as compact JSON. Columns keep the fields' order,
 * with the bookkeeping fields ({@code url}, {@code runId}, ...) last.
 */
public record ItemPreview(List<String> columns, List<Map<String, String>> rows) {

    private static final List<String> BOOKKEEPING = List.of("url", "scrapedAt", "runId", "jobId");

    public ItemPreview {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public static ItemPreview empty() {
        return new ItemPreview(List.of(), List.of());
    }

    public static ItemPreview parse(List<byte[]> jsonlFiles, int maxRows) {
        Set<String> columns = new LinkedHashSet<>();
        List<Map<String, String>> rows = new ArrayList<>();
        for (byte[] file : jsonlFiles) {
            for (String line : new String(file, StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || rows.size() >= maxRows) {
                    continue;
                }
                Map<String, String> row = new LinkedHashMap<>();
                try {
                    JsonNode item = Json.mapper().readTree(line);
                    for (Map.Entry<String, JsonNode> field : item.properties()) {
                        JsonNode v = field.getValue();
                        row.put(field.getKey(), v.isValueNode() ? v.asText() : v.toString());
                        columns.add(field.getKey());
                    }
                } catch (IOException e) {
                    row.put("(unreadable line)", line);
                    columns.add("(unreadable line)");
                }
                rows.add(row);
            }
        }
        List<String> ordered = new ArrayList<>(columns);
        ordered.removeAll(BOOKKEEPING);
        BOOKKEEPING.stream().filter(columns::contains).forEach(ordered::add);
        return new ItemPreview(ordered, rows);
    }
}
