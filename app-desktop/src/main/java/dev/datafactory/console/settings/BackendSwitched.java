package dev.datafactory.console.settings;

import dev.datafactory.console.common.ConsoleBackend;

/** Event: Settings opened another backend; the shell rebuilds its screens on it and closes the old one. */
public record BackendSwitched(ConsoleBackend backend, BackendSettings settings) {
}
