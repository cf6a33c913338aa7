package dev.datafactory.model.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.validation.InvalidInputException;
import dev.datafactory.model.validation.Problem;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScrapeSpecCodecTest {

    static String demoSpec() {
        try (InputStream in = ScrapeSpecCodecTest.class.getResourceAsStream("/specs/demo-products.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsTheDesignDocumentShape() {
        ScrapeSpec spec = ScrapeSpecCodec.parse("demo.json", demoSpec());

        assertThat(spec.name()).isEqualTo("demo-products");
        assertThat(spec.startUrls()).containsExactly("http://127.0.0.1:8931/");
        assertThat(spec.follow()).contains(new Follow("a.product-link", 1, 1000, true));
        assertThat(spec.extract().urlPattern()).contains("/product/\\d+$");
        assertThat(spec.extract().itemSelector()).isEmpty();
        assertThat(spec.extract().fields().keySet()).containsExactly("title", "price", "image", "reviews");
        assertThat(spec.extract().fields().get("image").attribute()).contains("src");
        assertThat(spec.extract().fields().get("reviews").all()).isTrue();
        assertThat(spec.screenshots()).isEqualTo(new ScreenshotPolicy(ScreenshotPolicy.When.ALWAYS, true));
        assertThat(spec.blockSignals().statusCodes()).containsExactly(403, 429);
        assertThat(spec.browser().userAgent()).isEmpty();
        assertThat(spec.browser().viewport()).isEqualTo(new Viewport(1280, 800));
        assertThat(spec.timeouts()).isEqualTo(new Timeouts(30000, 120000));
        assertThat(spec.allowHosts()).containsExactly("127.0.0.1");
    }

    @Test
    void roundTripsThroughJsonUnchanged() {
        ScrapeSpec spec = ScrapeSpecCodec.parse("demo.json", demoSpec());

        String written = ScrapeSpecCodec.toJson(spec);
        ScrapeSpec reread = ScrapeSpecCodec.parse("written", written);

        assertThat(reread).isEqualTo(spec);
        JsonNode original = Json.parseTree("demo", demoSpec());
        assertThat(Json.parseTree("written", written)).isEqualTo(original);
    }

    @Test
    void appliesDefaultsToAMinimalSpec() {
        ScrapeSpec spec = ScrapeSpecCodec.parse("min", "{\"name\":\"x\",\"startUrls\":[\"https://example.org/\"]}");

        assertThat(spec.follow()).isEmpty();
        assertThat(spec.extract()).isEqualTo(Extract.none());
        assertThat(spec.screenshots()).isEqualTo(ScreenshotPolicy.defaults());
        assertThat(spec.browser()).isEqualTo(BrowserProfile.defaults());
        assertThat(spec.timeouts()).isEqualTo(Timeouts.defaults());
        assertThat(spec.blockSignals().isEmpty()).isTrue();
    }

    @Test
    void reportsEveryProblemTogetherWithItsPath() {
        String json = """
                {
                  "name": "",
                  "startUrls": ["ftp://files.example.org/", "not a url"],
                  "follow": {"selector": "a", "maxDepth": 99},
                  "extract": {"urlPattern": "(unclosed", "fields": {"price": {"selector": ""},
                              "title": {"selector": "h1", "colour": "red"}}},
                  "screenshots": {"when": "sometimes"},
                  "blockSignals": {"statusCodes": [403, 700], "urlPatterns": ["[a-"]},
                  "browser": {"timezoneId": "Mars/Olympus", "viewport": {"width": "wide"}},
                  "timeouts": {"navigationMs": 10, "jobMs": 5000000},
                  "extra": true
                }
                """;

        assertThatThrownBy(() -> ScrapeSpecCodec.parse("spec.json", json))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::path).contains(
                            "name", "startUrls[0]", "startUrls[1]", "follow.maxDepth", "extract.urlPattern",
                            "extract.fields.price.selector", "extract.fields.title.colour", "screenshots.when",
                            "blockSignals.statusCodes[1]", "blockSignals.urlPatterns[0]", "browser.timezoneId",
                            "browser.viewport.width", "timeouts.navigationMs", "timeouts.jobMs", "extra");
                    assertThat(e.problems()).contains(
                            new Problem("extract.fields.price.selector", "must not be empty"));
                    assertThat(e.getMessage()).startsWith("spec.json is invalid (15 problems)")
                            .contains("startUrls[0]: must be an http:// or https:// URL")
                            .contains("browser.timezoneId: unknown time zone \"Mars/Olympus\"")
                            .contains("extra: unknown field; expected one of: name, startUrls");
                });
    }

    @Test
    void rejectsMissingRequiredFieldsAndWrongTypes() {
        assertThatThrownBy(() -> ScrapeSpecCodec.parse("s", "{\"startUrls\": \"http://a/\"}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).containsExactly(
                        new Problem("name", "is required"),
                        new Problem("startUrls", "must be a list of strings, not a string"),
                        new Problem("startUrls", "must contain at least one URL")));
    }

    @Test
    void reportsSyntaxErrorsWithLineAndColumn() {
        assertThatThrownBy(() -> ScrapeSpecCodec.parse("broken.json", "{\n  \"name\": \"x\",,\n}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("broken.json is invalid")
                .hasMessageContaining("line 2");
    }

    @Test
    void jobTimeoutMustCoverNavigationTimeout() {
        String json = "{\"name\":\"x\",\"startUrls\":[\"http://a/\"],\"timeouts\":{\"navigationMs\":60000,"
                + "\"jobMs\":30000}}";
        assertThatThrownBy(() -> ScrapeSpecCodec.parse("s", json))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .containsExactly(new Problem("timeouts.jobMs", "must be at least navigationMs (60000)")));
    }

    @Test
    void withStartUrlsKeepsEverythingElse() {
        ScrapeSpec spec = ScrapeSpecCodec.parse("demo.json", demoSpec());
        ScrapeSpec one = spec.withStartUrls(List.of("http://127.0.0.1:1/x"));
        assertThat(one.startUrls()).containsExactly("http://127.0.0.1:1/x");
        assertThat(one.withStartUrls(spec.startUrls())).isEqualTo(spec);
        assertThat(one.browser().userAgent()).isEqualTo(Optional.empty());
    }
}
