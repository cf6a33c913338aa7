package dev.datafactory.local.conformance;

import dev.datafactory.local.artifact.FileArtifactStore;
import dev.datafactory.model.conformance.ArtifactStoreConformance;
import dev.datafactory.model.ports.ArtifactStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class FileArtifactStoreConformanceTest extends ArtifactStoreConformance {

    @TempDir
    Path dir;

    @Override
    protected ArtifactStore newStore() {
        return new FileArtifactStore(dir.resolve("artifacts"));
    }
}
