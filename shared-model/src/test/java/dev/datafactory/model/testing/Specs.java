package dev.datafactory.model.testing;

import dev.datafactory.model.spec.ScrapeSpec;
import dev.datafactory.model.spec.ScrapeSpecCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Specs for tests of every module (shared through the shared-model test-jar). */
public final class Specs {

    private Specs() {
    }

    /** The spec of DESIGN.md, verbatim. */
    public static ScrapeSpec demoProducts() {
        return ScrapeSpecCodec.parse("demo-products.json", demoProductsJson());
    }

    public static String demoProductsJson() {
        try (InputStream in = Specs.class.getResourceAsStream("/specs/demo-products.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
