package dev.datafactory.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafactory.model.build.BuildInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's jpackage app image, built by packaging/desktop/build-installers.sh from the
 * launcher's build output, starts and prints the build stamp of this very build.
 */
class DesktopAppImageTest {

    @TempDir
    Path temp;

    @Test
    void appImageStartsAndPrintsItsVersion() throws Exception {
        Path out = temp.resolve("desktop");
        ProcessResult build = ProcessResult.run(List.of(RepoFiles.path("packaging/desktop/build-installers.sh").toString(),
                "app-image", "--skip-build", "--out", out.toString()), RepoFiles.root(), Map.of(), Duration.ofMinutes(5));
        assertThat(build.exitCode()).as(build.describe()).isZero();

        Path app = out.resolve("Data Factory");
        ProcessResult version = ProcessResult.run(List.of(app.resolve("bin/Data Factory").toString(), "--version"),
                temp, Map.of(), Duration.ofSeconds(60));

        assertThat(version.exitCode()).as(version.describe()).isZero();
        assertThat(version.stdout().strip()).isEqualTo(BuildInfo.current().describe());
        assertThat(version.stderr()).isEmpty();
        assertThat(app.resolve("lib/Data Factory.png")).exists();
        String config = Files.readString(app.resolve("lib/app/Data Factory.cfg"));
        assertThat(config).contains("app.mainclass=dev.datafactory.launcher.Main")
                .contains("java-options=--module-path\njava-options=$APPDIR/lib-fx");
        // Trimmed: a runtime of the modules the app uses, one platform's Node.js for Playwright.
        assertThat(app.resolve("lib/runtime/lib/modules")).exists();
        ProcessResult modules = ProcessResult.run(List.of(app.resolve("lib/runtime/bin/java").toString(), "--list-modules"),
                temp, Map.of(), Duration.ofSeconds(60));
        assertThat(modules.stdout()).contains("java.sql@", "jdk.httpserver@").doesNotContain("jdk.jshell@", "java.rmi@");
    }
}
