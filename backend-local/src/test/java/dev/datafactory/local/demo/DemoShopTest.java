package dev.datafactory.local.demo;

import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.support.Factories;
import dev.datafactory.model.schedule.Schedule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DemoShopTest {

    private static DemoShop shop;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        shop = DemoShop.start(0);
    }

    @AfterAll
    static void stop() {
        shop.stop();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(shop.baseUri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesAHomePageLinkingToProductPagesThatTheDemoSpecMatches() throws Exception {
        HttpResponse<String> home = get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(home.body()).contains("class=\"product-link\" href=\"/product/1\"", "/product/2", "/product/3");

        Schedule demo = DemoSchedule.forShop(shop.baseUri());
        Pattern productPages = Pattern.compile(demo.template().extract().urlPattern().orElseThrow());
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> product = get("/product/" + i);
            assertThat(product.statusCode()).isEqualTo(200);
            assertThat(product.body()).contains("<h1>", "class=\"price\"", "img class=\"hero\"", "id=\"reviews\"",
                    "data-reviews=");
            assertThat(productPages.matcher("/product/" + i).find()).isTrue();
        }
        assertThat(productPages.matcher("/").find()).isFalse();
        assertThat(get("/static/app.js").body()).contains("setTimeout", "review");
        assertThat(get("/static/img/product-1.svg").headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    }

    @Test
    void theMembersPageIsACaptchaWallMatchingTheDemoBlockSignals() throws Exception {
        Schedule demo = DemoSchedule.forShop(shop.baseUri());
        String members = get("/members").body();
        assertThat(members).contains("id=\"captcha\"");
        assertThat(demo.template().blockSignals().selectors()).contains("#captcha");
        assertThat(demo.template().blockSignals().texts()).allSatisfy(t -> assertThat(members).contains(t));
        assertThat(demo.template().startUrls()).containsExactly(shop.baseUri().toString(),
                shop.baseUri() + "members");
        assertThat(demo.template().allowHosts()).containsExactly("127.0.0.1");
    }

    @Test
    void unknownPathsAreNotFoundAndNothingOutsideTheShopIsServed() throws Exception {
        assertThat(get("/product/99").statusCode()).isEqualTo(404);
        assertThat(get("/static/../DemoShop.class").statusCode()).isEqualTo(404);
        assertThat(get("/static/%2e%2e/%2e%2e/LocalFactory.class").statusCode()).isEqualTo(404);
        assertThat(get("/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void theDemoScheduleIsCreatedOnceOnAFreshDataDirectoryAndFollowsTheShop() {
        try (LocalFactory f = Factories.open(dir, Clock.systemUTC())) {
            assertThat(DemoSchedule.ensure(f, shop.baseUri())).isPresent();
            assertThat(f.schedules().list()).extracting(Schedule::id).containsExactly("demo");
            assertThat(f.schedules().get("demo").orElseThrow().nextFireTime()).isPresent();

            URI moved = URI.create("http://127.0.0.1:1234/");
            assertThat(DemoSchedule.ensure(f, moved).orElseThrow().template().startUrls())
                    .containsExactly("http://127.0.0.1:1234/", "http://127.0.0.1:1234/members");

            f.schedules().delete("demo");
            assertThat(DemoSchedule.ensure(f, shop.baseUri())).as("a deleted demo stays deleted").isEmpty();
            assertThat(f.schedules().list()).isEmpty();
        }
    }
}
