package dev.datafactory.gcp;

import dev.datafactory.gcp.fakes.AtomicLocalStorage;
import dev.datafactory.gcp.storage.GcsArtifactStore;
import dev.datafactory.model.conformance.ArtifactStoreConformance;
import dev.datafactory.model.ports.ArtifactStore;

/** The real Cloud Storage client against LocalStorageHelper's in-memory fake of the JSON API, calls made atomic. */
class GcsArtifactStoreConformanceTest extends ArtifactStoreConformance {

    @Override
    protected ArtifactStore newStore() {
        return new GcsArtifactStore(AtomicLocalStorage.create(), "factory-artifacts");
    }
}
