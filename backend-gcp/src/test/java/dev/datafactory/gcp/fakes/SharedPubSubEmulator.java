package dev.datafactory.gcp.fakes;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One Pub/Sub emulator for every test class of the run that asks for it (it takes seconds to
 * start): {@code @ExtendWith(SharedPubSubEmulator.class)} and a {@link PubSubEmulator} parameter
 * on a {@code @BeforeAll} method. JUnit closes it when the run ends. Classes are skipped, saying
 * why, where the emulator is not installed.
 */
public final class SharedPubSubEmulator implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            SharedPubSubEmulator.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        PubSubEmulator.assumeInstalled();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PubSubEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("emulator", key -> {
            try {
                return PubSubEmulator.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the Pub/Sub emulator: " + e.getMessage(), e);
            }
        }, PubSubEmulator.class);
    }
}
