package dev.datafactory.gcp.storage;

import com.google.api.gax.paging.Page;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import dev.datafactory.gcp.errors.GcpErrors;
import dev.datafactory.model.ports.ArtifactInfo;
import dev.datafactory.model.ports.ArtifactStore;

import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Artifacts as objects of one Cloud Storage bucket, keyed exactly as locally. A single-request
 * upload is atomic in GCS, so readers never see half an object; create-if-absent is the
 * {@code ifGenerationMatch=0} precondition, which the service enforces for concurrent writers.
 */
public final class GcsArtifactStore implements ArtifactStore {

    private final Storage storage;
    private final String bucket;

    public GcsArtifactStore(Storage storage, String bucket) {
        this.storage = storage;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, byte[] data, String contentType, Map<String, String> metadata) {
        try {
            storage.create(info(key, contentType, metadata), data);
        } catch (RuntimeException e) {
            throw GcpErrors.map("writing gs://" + bucket + "/" + key, e);
        }
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data, String contentType, Map<String, String> metadata) {
        // The writer path sends ifGenerationMatch=0 with the upload's first request; GCS answers 412
        // when any generation of the object exists.
        try (WritableByteChannel channel = storage.writer(info(key, contentType, metadata),
                Storage.BlobWriteOption.doesNotExist())) {
            channel.write(ByteBuffer.wrap(data));
            return true;
        } catch (StorageException e) {
            if (e.getCode() == 412) {
                return false;
            }
            throw GcpErrors.map("creating gs://" + bucket + "/" + key, e);
        } catch (java.io.IOException e) {
            if (e.getCause() instanceof StorageException se && se.getCode() == 412) {
                return false;
            }
            throw GcpErrors.map("creating gs://" + bucket + "/" + key, e);
        } catch (RuntimeException e) {
            throw GcpErrors.map("creating gs://" + bucket + "/" + key, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            // One request: the bytes of the current generation, or 404.
            return Optional.of(storage.readAllBytes(BlobId.of(bucket, key)));
        } catch (StorageException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw GcpErrors.map("reading gs://" + bucket + "/" + key, e);
        } catch (RuntimeException e) {
            throw GcpErrors.map("reading gs://" + bucket + "/" + key, e);
        }
    }

    @Override
    public Optional<ArtifactInfo> stat(String key) {
        try {
            return Optional.ofNullable(storage.get(BlobId.of(bucket, key))).map(GcsArtifactStore::toInfo);
        } catch (RuntimeException e) {
            throw GcpErrors.map("reading the metadata of gs://" + bucket + "/" + key, e);
        }
    }

    @Override
    public List<ArtifactInfo> list(String prefix) {
        try {
            List<ArtifactInfo> out = new ArrayList<>();
            Page<Blob> page = prefix.isEmpty() ? storage.list(bucket)
                    : storage.list(bucket, Storage.BlobListOption.prefix(prefix));
            for (Blob blob : page.iterateAll()) {
                if (!blob.isDirectory() && blob.getName().startsWith(prefix)) {
                    out.add(toInfo(blob));
                }
            }
            // GCS lists in key order already; sorting keeps the contract independent of that.
            out.sort(Comparator.comparing(ArtifactInfo::key));
            return out;
        } catch (RuntimeException e) {
            throw GcpErrors.map("listing gs://" + bucket + "/" + prefix, e);
        }
    }

    private BlobInfo info(String key, String contentType, Map<String, String> metadata) {
        return BlobInfo.newBuilder(BlobId.of(bucket, key)).setContentType(contentType).setMetadata(Map.copyOf(metadata))
                .build();
    }

    private static ArtifactInfo toInfo(Blob blob) {
        Map<String, String> metadata = blob.getMetadata() == null ? Map.of() : new java.util.HashMap<>(blob.getMetadata());
        metadata.values().removeIf(java.util.Objects::isNull);
        Instant updated = blob.getUpdateTimeOffsetDateTime() != null ? blob.getUpdateTimeOffsetDateTime().toInstant()
                : blob.getCreateTimeOffsetDateTime() != null ? blob.getCreateTimeOffsetDateTime().toInstant()
                : Instant.EPOCH;
        return new ArtifactInfo(blob.getName(), blob.getSize() == null ? 0 : blob.getSize(),
                blob.getContentType() == null ? "application/octet-stream" : blob.getContentType(), metadata, updated);
    }
}
