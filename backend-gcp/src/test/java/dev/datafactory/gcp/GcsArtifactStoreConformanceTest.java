package dev.datafactory.gcp;

import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.datafactory.gcp.storage.GcsArtifactStore;
import dev.datafactory.model.conformance.ArtifactStoreConformance;
import dev.datafactory.model.ports.ArtifactStore;

/** The real Cloud Storage client against LocalStorageHelper's in-memory fake of the JSON API. */
class GcsArtifactStoreConformanceTest extends ArtifactStoreConformance {

    @Override
    protected ArtifactStore newStore() {
        return new GcsArtifactStore(LocalStorageHelper.getOptions().getService(), "factory-artifacts");
    }
}
