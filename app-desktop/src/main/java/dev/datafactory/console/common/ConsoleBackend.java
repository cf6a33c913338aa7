package dev.datafactory.console.common;

import dev.datafactory.model.ports.ArtifactStore;
import dev.datafactory.model.ports.CanaryLogs;
import dev.datafactory.model.ports.JobPublisher;
import dev.datafactory.model.ports.RunHistory;
import dev.datafactory.model.ports.ScheduleService;

import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * The five ports the console works through, from one backend (the local factory or a GCP
 * project), built by the launcher. {@code name} is short ("local", "gcp"), {@code description}
 * says where ("~/.datafactory", "project my-proj, europe-west1"); {@code resources} is closed when
 * the console switches backend or exits.
 */
public record ConsoleBackend(String name, String description, ScheduleService schedules, JobPublisher jobs,
                             CanaryLogs logs, ArtifactStore artifacts, RunHistory runs, AutoCloseable resources)
        implements AutoCloseable {

    public ConsoleBackend {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(schedules, "schedules");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(artifacts, "artifacts");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(resources, "resources");
    }

    /** Releases the backend; a failure to release is reported, not thrown, as the console is leaving it anyway. */
    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LoggerFactory.getLogger(ConsoleBackend.class).info("Closing the {} backend ({}) failed: {}", name,
                    description, e.getMessage());
        }
    }
}
