package dev.datafactory.gcp.fakes;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import com.google.cloud.storage.spi.v1.StorageRpc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.FileAlreadyExistsException;

/**
 * LocalStorageHelper's in-memory Cloud Storage, with each RPC made atomic. The real service
 * evaluates {@code ifGenerationMatch=0} atomically; the fake checks and then writes, so two racing
 * creators can both win (about once in 300 races here). Serializing its calls restores the
 * service's guarantee without changing what each call does; a failed precondition is answered
 * with HTTP 412, as the service does.
 */
public final class AtomicLocalStorage {

    private AtomicLocalStorage() {
    }

    public static Storage create() {
        StorageOptions base = LocalStorageHelper.getOptions();
        StorageRpc fake = (StorageRpc) base.getRpc();
        Object lock = new Object();
        StorageRpc atomic = (StorageRpc) Proxy.newProxyInstance(StorageRpc.class.getClassLoader(),
                new Class<?>[] {StorageRpc.class}, (proxy, method, args) -> {
                    synchronized (lock) {
                        try {
                            return method.invoke(fake, args);
                        } catch (InvocationTargetException e) {
                            throw asTheServiceAnswers(e.getCause());
                        }
                    }
                });
        return base.toBuilder().setServiceRpcFactory(options -> atomic).build().getService();
    }

    /** The fake reports a failed ifGenerationMatch=0 as a file-exists error; the service answers 412. */
    private static Throwable asTheServiceAnswers(Throwable thrown) {
        if (thrown instanceof StorageException se && se.getCause() instanceof FileAlreadyExistsException) {
            return new StorageException(412, "At least one of the pre-conditions you specified did not hold.");
        }
        return thrown;
    }
}
