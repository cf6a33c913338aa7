package dev.datafactory.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.datafactory.launcher.Main;
import dev.datafactory.model.build.BuildInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/worker/Dockerfile, checked without a Docker engine: pinned bases, the Playwright image
 * of the pom's version, a non-root user, the build stamp, and an entry point equal to
 * {@code ./factory worker}, whose class path is tried against the launcher's real build output.
 */
class WorkerDockerfileTest {

    private final Dockerfile dockerfile = Dockerfile.parse(RepoFiles.read("packaging/worker/Dockerfile"));

    @TempDir
    Path temp;

    @Test
    void runtimeImageIsTheOfficialPlaywrightJavaImageOfThePomVersion() {
        String playwright = RepoFiles.rootPomProperty("playwright.version");
        assertThat(dockerfile.finalStage().get(0).arguments())
                .matches("mcr\\.microsoft\\.com/playwright/java:v" + playwright.replace(".", "\\.") + "-(noble|jammy)");
    }

    @Test
    void everyBaseImageIsPinned() {
        assertThat(dockerfile.all("FROM")).hasSizeGreaterThanOrEqualTo(2).allSatisfy(from -> {
            String image = from.arguments().split("\\s+")[0];
            assertThat(image).as("FROM %s", from.arguments())
                    .matches(".+/?[^/]+(:[\\w][\\w.-]*|@sha256:[0-9a-f]{64})$")
                    .doesNotContain(":latest");
        });
        assertThat(RepoFiles.read("packaging/worker/Dockerfile")).doesNotContain(":latest");
    }

    @Test
    void runsAsANonRootUser() {
        List<Dockerfile.Instruction> users = dockerfile.finalStage().stream()
                .filter(i -> i.keyword().equals("USER")).toList();
        assertThat(users).as("USER in the final stage").isNotEmpty();
        String user = users.get(users.size() - 1).arguments().split(":")[0];
        assertThat(user).isNotIn("root", "0");
        assertThat(dockerfile.finalStage()).anyMatch(i -> i.keyword().equals("RUN")
                && i.arguments().contains("useradd") && i.arguments().contains(" " + user));
    }

    @Test
    void buildStampReachesMavenFromBuildArguments() {
        List<Dockerfile.Instruction> buildStage = dockerfile.instructions().subList(0,
                dockerfile.instructions().indexOf(dockerfile.finalStage().get(0)));
        assertThat(buildStage).anyMatch(i -> i.keyword().equals("ARG") && i.arguments().equals("BUILD_SHA"));
        assertThat(buildStage).anyMatch(i -> i.keyword().equals("RUN") && i.arguments().contains("mvn")
                && i.arguments().contains("-Dbuild.sha=\"${BUILD_SHA}\"") && i.arguments().contains("-pl launcher -am"));
        // An image without its stamp would report "unknown" and hide a stale deploy.
        assertThat(buildStage).anyMatch(i -> i.keyword().equals("RUN") && i.arguments().contains("test -n \"${BUILD_SHA}\""));
    }

    @Test
    void entryPointIsWhatFactoryWorkerRuns() throws Exception {
        List<String> entryPoint = entryPoint();
        int cp = entryPoint.indexOf("-cp");
        assertThat(entryPoint.get(0)).isEqualTo("java");
        assertThat(cp).isPositive();
        assertThat(entryPoint.get(cp + 1)).isEqualTo("/app/factory.jar:/app/lib/*");
        assertThat(entryPoint.get(cp + 2)).isEqualTo(Main.class.getName());
        assertThat(entryPoint.subList(cp + 3, entryPoint.size())).containsExactly("worker");
        // /app is filled from the launcher's runtime layout, the one ./factory runs from.
        assertThat(dockerfile.instructions()).anyMatch(i -> i.keyword().equals("RUN")
                && i.arguments().contains("cp launcher/target/factory.jar /out/app/")
                && i.arguments().contains("cp -r launcher/target/lib /out/app/lib"));
        assertThat(dockerfile.finalStage()).anyMatch(i -> i.keyword().equals("COPY")
                && i.arguments().endsWith("/out/app/ /app/"));
    }

    @Test
    void entryPointUsesTheJvmOptionsAndMainClassOfTheFactoryScript() throws Exception {
        Path factoryScript = RepoFiles.path("factory");
        // ./factory arrives with the launcher work on main; until then the checks above stand alone.
        if (!Files.exists(factoryScript)) {
            return;
        }
        String script = Files.readString(factoryScript);
        assertThat(script).contains("-cp \"$TARGET/factory.jar:$TARGET/lib/*\" " + Main.class.getName() + " \"$@\"");
        Matcher jvm = Pattern.compile("(?m)^jvm=\\(([^)]*)\\)").matcher(script);
        assertThat(jvm.find()).as("a jvm=(...) options array in ./factory").isTrue();
        List<String> entryPoint = entryPoint();
        for (String option : jvm.group(1).trim().split("\\s+")) {
            assertThat(entryPoint.subList(1, entryPoint.indexOf("-cp"))).as("JVM options of ./factory").contains(option);
        }
    }

    @Test
    void entryPointClassPathStartsTheLauncherFromItsBuildOutput() throws Exception {
        Path target = RepoFiles.path("launcher/target");
        List<String> command = new ArrayList<>();
        List<String> entryPoint = entryPoint();
        for (String part : entryPoint.subList(0, entryPoint.size() - 1)) {
            command.add(part.replace("/app/", target + "/"));
        }
        command.add("--version");

        ProcessResult version = ProcessResult.run(command, temp, Map.of(), Duration.ofSeconds(60));

        assertThat(version.exitCode()).as(version.describe()).isZero();
        assertThat(version.stdout().strip()).isEqualTo(BuildInfo.current().describe());
    }

    @Test
    void playwrightDriverUnpackedAtBuildTimeIsARunnableDriver() {
        Path driver = temp.resolve("driver");
        ProcessResult extract = ProcessResult.run(List.of(
                RepoFiles.path("packaging/worker/extract-playwright-driver.sh").toString(),
                RepoFiles.path("launcher/target/lib").toString(), driver.toString(), "amd64"),
                temp, Map.of(), Duration.ofSeconds(120));
        assertThat(extract.exitCode()).as(extract.describe()).isZero();

        // Exactly what Playwright's preinstalled-driver mode runs: DIR/node DIR/package/cli.js
        ProcessResult version = ProcessResult.run(List.of(driver.resolve("node").toString(),
                driver.resolve("package/cli.js").toString(), "--version"), temp, Map.of(), Duration.ofSeconds(60));
        assertThat(version.exitCode()).as(version.describe()).isZero();
        String playwright = RepoFiles.rootPomProperty("playwright.version");
        assertThat(version.stdout()).contains("Version " + playwright.substring(0, playwright.lastIndexOf('.')));
        assertThat(dockerfile.finalStage()).anyMatch(i -> i.keyword().equals("ENV")
                && i.arguments().contains("PLAYWRIGHT_DRIVER_DIR=/opt/playwright-driver"));
    }

    @Test
    void dockerignoreKeepsBuildOutputAndVcsDataOutOfTheContext() {
        List<String> ignored = RepoFiles.read(".dockerignore").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ignored).contains("**/target/", ".git/");
        // The build stage needs every module's pom and sources, and the Maven settings.
        assertThat(ignored).noneMatch(l -> l.equals(".mvn/") || l.equals("packaging/") || l.endsWith("pom.xml"));
    }

    private List<String> entryPoint() throws Exception {
        List<Dockerfile.Instruction> entryPoints = dockerfile.finalStage().stream()
                .filter(i -> i.keyword().equals("ENTRYPOINT")).toList();
        assertThat(entryPoints).hasSize(1);
        assertThat(dockerfile.finalStage()).noneMatch(i -> i.keyword().equals("CMD"));
        // Exec form (a JSON array): the JVM is PID 1 and gets Cloud Run's SIGTERM itself.
        return new ObjectMapper().readValue(entryPoints.get(0).arguments(), new TypeReference<List<String>>() { });
    }
}
