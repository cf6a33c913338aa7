package dev.datafactory.local.support;

import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleCodec;

import java.util.List;
import java.util.stream.Collectors;

/** Test schedules, written as operators write them (JSON through the strict reader). */
public final class Schedules {

    private Schedules() {
    }

    public static Schedule schedule(String id, String cron, String zone, List<String> startUrls, int maxAttempts) {
        String urls = startUrls.stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(", "));
        return ScheduleCodec.parse("test schedule", """
                {"id": "%s", "cron": "%s", "timeZone": "%s",
                 "template": {"name": "t", "startUrls": [%s],
                   "extract": {"fields": {"title": {"selector": "h1"}}},
                   "allowHosts": ["127.0.0.1"]},
                 "retry": {"maxAttempts": %d, "minBackoffSeconds": 1, "maxBackoffSeconds": 4}}
                """.formatted(id, cron, zone, urls, maxAttempts));
    }

    public static Schedule schedule(String id, String cron, String zone) {
        return schedule(id, cron, zone, List.of("http://127.0.0.1:9/"), 5);
    }

    public static List<String> urls(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "http://127.0.0.1:9/item/" + i).toList();
    }
}
