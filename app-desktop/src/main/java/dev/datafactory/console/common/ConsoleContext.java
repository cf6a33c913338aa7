package dev.datafactory.console.common;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;

/**
 * What every screen is built with: the backend's ports, the one task executor, the event bus, a
 * place to tell the operator things, the clock and the operator's own time zone, and the local data
 * directory (where the console keeps its window state and settings).
 */
public record ConsoleContext(ConsoleBackend backend, TaskExecutor tasks, EventBus events, Notifier notifier,
                             Clock clock, ZoneId operatorZone, Path dataDir) {
}
