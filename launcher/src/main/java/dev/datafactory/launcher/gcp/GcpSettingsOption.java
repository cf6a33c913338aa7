package dev.datafactory.launcher.gcp;

import dev.datafactory.gcp.config.GcpSettings;
import dev.datafactory.gcp.config.GcpSettingsReader;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --settings FILE}: the GCP settings file, overlaid by DATAFACTORY_GCP_* variables. */
final class GcpSettingsOption {

    @Option(names = "--settings", paramLabel = "FILE",
            description = "GCP settings JSON (default: ~/.datafactory/gcp.json); DATAFACTORY_GCP_<FIELD>"
                    + " environment variables and GOOGLE_CLOUD_PROJECT override it.")
    Path file;

    GcpSettings read() {
        return GcpSettingsReader.read(file != null ? file : GcpSettingsReader.defaultFile(), System.getenv());
    }
}
