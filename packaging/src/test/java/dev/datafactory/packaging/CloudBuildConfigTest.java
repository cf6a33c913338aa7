package dev.datafactory.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cloudbuild.yaml: the pipeline order, deploy by digest, no :latest, declared substitutions, and the
 * digest, deploy and canary scripts run for real against stand-in gcloud and curl commands.
 */
class CloudBuildConfigTest {

    private static final String SHA = "3f786850e387550fdab836ed7e6dc881de23001b";
    private static final String DIGEST_HEX = "a".repeat(32) + "0123456789abcdef0123456789abcdef";
    private static final String SERVICE_URL = "https://factory-worker-123456789012.europe-west1.run.app";
    private static final Map<String, String> BUILT_INS = Map.of("PROJECT_ID", "demo-proj",
            "PROJECT_NUMBER", "123456789012", "COMMIT_SHA", SHA);

    private final CloudBuildFile build = CloudBuildFile.load();

    @TempDir
    Path temp;

    @Test
    void stepsTestThenBuildThenPushThenResolveDigestThenDeployWorkerThenOrchestratorThenCanary() {
        List<Predicate<String>> stages = List.of(
                text -> text.contains("mvn") && text.contains("verify"),
                text -> text.contains("docker build") && text.contains("packaging/worker/Dockerfile"),
                text -> text.matches("(?s).*\\bpush\\b.*:\\$COMMIT_SHA.*"),
                text -> text.contains("gcloud artifacts docker images describe") && text.contains("digest"),
                text -> text.contains("gcloud run deploy"),
                text -> text.contains("gcloud functions deploy"),
                text -> text.contains("/healthz") && text.contains("print-identity-token"));
        List<String> texts = build.steps().stream().map(CloudBuildFile::commandText).toList();

        List<Integer> positions = new ArrayList<>();
        for (Predicate<String> stage : stages) {
            positions.add(indexOf(texts, stage));
        }
        assertThat(positions).as("step index of test, build, push, digest, deploy worker, deploy orchestrator,"
                + " canary in %s", build.steps().stream().map(s -> s.path("id").asText()).toList())
                .doesNotContain(-1).isSorted().doesNotHaveDuplicates();
        // waitFor would let a step start before the ones above it finished.
        assertThat(build.steps()).noneMatch(step -> step.has("waitFor"));
    }

    @Test
    void neverReferencesLatestAndEveryImageIsPinned() {
        assertThat(build.text()).doesNotContainIgnoringCase(":latest");
        Map<String, String> values = build.resolvedSubstitutions(BUILT_INS);
        Pattern pinned = Pattern.compile(".+(:[\\w][\\w.-]*|@sha256:[0-9a-f]{64})$");
        for (JsonNode step : build.steps()) {
            String image = CloudBuildFile.render(step.path("name").asText(), values);
            assertThat(image).as("image of step %s", step.path("id").asText())
                    .matches(name -> pinned.matcher(name.substring(name.lastIndexOf('/') + 1)).matches(),
                            "has an explicit tag or digest (an untagged image means :latest)")
                    .doesNotEndWith(":latest");
        }
    }

    @Test
    void testsRunOnThePlaywrightImageOfThePomVersion() {
        assertThat(build.step("test").path("name").asText())
                .isEqualTo("mcr.microsoft.com/playwright/java:v" + RepoFiles.rootPomProperty("playwright.version") + "-noble");
    }

    @Test
    void everySubstitutionUsedIsDeclaredAndEveryDeclaredOneIsUsed() {
        Map<String, String> declared = build.declaredSubstitutions();
        assertThat(declared.keySet()).allMatch(name -> name.matches("_[A-Z0-9_]+"),
                "user substitutions start with _ and use A-Z, 0-9, _");

        Set<String> used = CloudBuildFile.referencedNames(build.text().replaceAll("(?m)^\\s*#.*$", ""));
        Set<String> undeclared = new HashSet<>(used);
        undeclared.removeAll(declared.keySet());
        undeclared.removeAll(CloudBuildFile.BUILT_INS);
        assertThat(undeclared).as("substitutions used but neither declared nor built in").isEmpty();

        Set<String> usedOutsideDeclarations = CloudBuildFile.referencedNames(
                build.steps().stream().map(CloudBuildFile::commandText).reduce("", String::concat)
                        + String.join(" ", declared.values()));
        assertThat(declared.keySet()).as("declared substitutions that nothing uses (Cloud Build rejects them)")
                .allMatch(usedOutsideDeclarations::contains);
        // The whole file renders: no bare $ that Cloud Build would reject.
        CloudBuildFile.render(build.text().replaceAll("(?m)^\\s*#.*$", ""), build.resolvedSubstitutions(BUILT_INS));
    }

    @Test
    void imageIsBuiltWithTheCommitShaAsItsBuildStampAndTag() {
        String buildStep = CloudBuildFile.render(CloudBuildFile.commandText(build.step("build-image")),
                build.resolvedSubstitutions(BUILT_INS));
        assertThat(buildStep)
                .contains("--build-arg BUILD_SHA=" + SHA)
                .contains("-t europe-west1-docker.pkg.dev/demo-proj/datafactory/worker:" + SHA);
    }

    @Test
    void resolveDigestKeepsTheRegistryDigestAndRejectsAnythingElse() throws IOException {
        FakeCommands fakes = new FakeCommands(temp).add("gcloud", "echo \"$FAKE_DIGEST\"");

        ProcessResult good = runStep("resolve-digest", fakes, Map.of("FAKE_DIGEST", "sha256:" + DIGEST_HEX));
        assertThat(good.exitCode()).as(good.describe()).isZero();
        assertThat(Files.readString(workspace().resolve("worker-image-digest"))).isEqualTo(DIGEST_HEX);
        assertThat(fakes.calls()).anyMatch(call -> call.contains("artifacts docker images describe "
                + "europe-west1-docker.pkg.dev/demo-proj/datafactory/worker:" + SHA));

        ProcessResult bad = runStep("resolve-digest", fakes, Map.of("FAKE_DIGEST", "latest"));
        assertThat(bad.exitCode()).as(bad.describe()).isNotZero();
        assertThat(bad.stderr()).contains("expected sha256:<64 hex>");
    }

    @Test
    void workerIsDeployedByDigestOnGen2PrivatelyWithItsServiceAccount() throws IOException {
        assertThat(CloudBuildFile.script(build.step("deploy-worker"))).contains("@sha256:");
        writeDigest();
        FakeCommands fakes = new FakeCommands(temp).add("gcloud", "exit 0");

        ProcessResult deploy = runStep("deploy-worker", fakes, Map.of());

        assertThat(deploy.exitCode()).as(deploy.describe()).isZero();
        String call = fakes.calls().stream().filter(c -> c.startsWith("gcloud run deploy")).findFirst().orElseThrow();
        assertThat(call)
                .contains("--image=europe-west1-docker.pkg.dev/demo-proj/datafactory/worker@sha256:" + DIGEST_HEX)
                .doesNotContain("worker:" + SHA)
                .contains("--execution-environment=gen2", "--no-allow-unauthenticated",
                        "--service-account=factory-worker@demo-proj.iam.gserviceaccount.com",
                        "--concurrency=", "--cpu=", "--memory=", "--timeout=",
                        "DATAFACTORY_IMAGE_DIGEST=sha256:" + DIGEST_HEX,
                        // The worker checks push tokens against its own URL: the audience provision.sh sets.
                        "DATAFACTORY_AUDIENCE=" + SERVICE_URL + ",",
                        "DATAFACTORY_ALLOWED_EMAILS=factory-push-invoker@demo-proj.iam.gserviceaccount.com",
                        "DATAFACTORY_GCP_WORKER_URL=" + SERVICE_URL + ",",
                        "DATAFACTORY_GCP_PUSH_SERVICE_ACCOUNT=factory-push-invoker@demo-proj.iam.gserviceaccount.com",
                        "DATAFACTORY_GCP_BUCKET=demo-proj-factory-results");
        // A request must end before Pub/Sub's 600 s ack deadline, or a stuck job runs twice.
        Matcher timeout = Pattern.compile("--timeout=(\\d+)").matcher(call);
        assertThat(timeout.find()).isTrue();
        assertThat(Integer.parseInt(timeout.group(1))).isLessThan(600);
        assertThat(fakes.calls()).anyMatch(c -> c.startsWith("gcloud run services add-iam-policy-binding")
                && c.contains("factory-push-invoker@demo-proj.iam.gserviceaccount.com") && c.contains("roles/run.invoker"));
    }

    @Test
    void orchestratorFunctionIsDeployedPrivatelyFromTheTestedBuild() throws IOException {
        FakeCommands fakes = new FakeCommands(temp).add("gcloud", "exit 0");

        ProcessResult deploy = runStep("deploy-orchestrator", fakes, Map.of());

        assertThat(deploy.exitCode()).as(deploy.describe()).isZero();
        String source = "--source=" + workspace().resolve("orchestrator-function");
        assertThat(fakes.calls()).anyMatch(c -> c.startsWith("gcloud functions deploy factory-orchestrator")
                && c.contains("--no-gen2") && c.contains("--trigger-http") && c.contains("--no-allow-unauthenticated")
                && c.contains(source)
                && c.contains("--entry-point=" + build.declaredSubstitutions().get("_ORCHESTRATOR_ENTRY_POINT"))
                && c.contains("--service-account=factory-orchestrator@demo-proj.iam.gserviceaccount.com")
                && c.contains("DATAFACTORY_GCP_ORCHESTRATOR_URL=https://europe-west1-demo-proj.cloudfunctions.net/factory-orchestrator,")
                && c.contains("DATAFACTORY_GCP_SCHEDULER_SERVICE_ACCOUNT=factory-scheduler-invoker@demo-proj.iam.gserviceaccount.com"));
        assertThat(fakes.calls()).anyMatch(c -> c.startsWith("gcloud functions add-iam-policy-binding factory-orchestrator")
                && c.contains("factory-scheduler-invoker@demo-proj.iam.gserviceaccount.com")
                && c.contains("--role=roles/cloudfunctions.invoker"));
        assertThat(CloudBuildFile.script(build.step("test")))
                .contains("packaging/deploy/stage-orchestrator.sh /workspace/orchestrator-function $COMMIT_SHA");
    }

    @Test
    void canaryPassesWhenTheNewRevisionReportsTheCommitJustBuilt() throws IOException {
        writeDigest();
        FakeCommands fakes = canaryFakes();

        ProcessResult canary = runStep("canary", fakes, Map.of(
                "FAKE_IMAGE", "europe-west1-docker.pkg.dev/demo-proj/datafactory/worker@sha256:" + DIGEST_HEX,
                "FAKE_HEALTHZ", "{\"build\":{\"version\":\"0.1.0\",\"sha\":\"" + SHA + "\"},\"browser\":\"chromium\"}"));

        assertThat(canary.exitCode()).as(canary.describe()).isZero();
        assertThat(canary.stdout()).contains("canary passed");
        assertThat(fakes.calls()).anyMatch(c -> c.equals("gcloud auth print-identity-token --audiences=" + SERVICE_URL));
        assertThat(fakes.calls()).anyMatch(c -> c.startsWith("curl") && c.contains("Authorization: Bearer id-token-for-canary")
                && c.endsWith(SERVICE_URL + "/healthz"));
    }

    @Test
    void canaryFailsTheBuildWhenHealthzReportsAnotherCommit() throws IOException {
        writeDigest();

        ProcessResult canary = runStep("canary", canaryFakes(), Map.of(
                "FAKE_IMAGE", "europe-west1-docker.pkg.dev/demo-proj/datafactory/worker@sha256:" + DIGEST_HEX,
                "FAKE_HEALTHZ", "{\"build\":{\"version\":\"0.1.0\",\"sha\":\"0000000000000000000000000000000000000000\"}}"));

        assertThat(canary.exitCode()).as(canary.describe()).isNotZero();
        assertThat(canary.stderr()).contains("STALE DEPLOY").contains(SHA);
    }

    @Test
    void canaryFailsTheBuildWhenTheServingRevisionRunsAnotherImage() throws IOException {
        writeDigest();

        ProcessResult canary = runStep("canary", canaryFakes(), Map.of(
                "FAKE_IMAGE", "europe-west1-docker.pkg.dev/demo-proj/datafactory/worker@sha256:" + "b".repeat(64),
                "FAKE_HEALTHZ", "{\"sha\":\"" + SHA + "\"}"));

        assertThat(canary.exitCode()).as(canary.describe()).isNotZero();
        assertThat(canary.stderr()).contains("not the image just built");
    }

    @Test
    void canaryFailsTheBuildWhenHealthzNeverAnswers() throws IOException {
        writeDigest();
        FakeCommands fakes = canaryFakes().add("curl", "exit 22");

        ProcessResult canary = runStep("canary", fakes, Map.of(
                "FAKE_IMAGE", "europe-west1-docker.pkg.dev/demo-proj/datafactory/worker@sha256:" + DIGEST_HEX));

        assertThat(canary.exitCode()).as(canary.describe()).isNotZero();
        assertThat(fakes.calls().stream().filter(c -> c.startsWith("curl")).count()).isGreaterThan(1);
    }

    private FakeCommands canaryFakes() {
        return new FakeCommands(temp)
                .add("gcloud", """
                        case "$*" in
                          *"value(status.url)"*) echo '%s' ;;
                          *latestReadyRevisionName*) echo factory-worker-00042-xyz ;;
                          "run revisions describe"*) echo "$FAKE_IMAGE" ;;
                          "auth print-identity-token"*) echo id-token-for-canary ;;
                          *) echo "unexpected gcloud call: $*" >&2; exit 2 ;;
                        esac""".formatted(SERVICE_URL))
                .add("curl", "printf '%s' \"$FAKE_HEALTHZ\"")
                .add("sleep", "exit 0");
    }

    /** Runs a step's script as Cloud Build would (substitutions applied, /workspace shared) with stand-ins on PATH. */
    private ProcessResult runStep(String id, FakeCommands fakes, Map<String, String> env) throws IOException {
        String script = CloudBuildFile.render(CloudBuildFile.script(build.step(id)), build.resolvedSubstitutions(BUILT_INS))
                .replace("/workspace/", workspace() + "/");
        Map<String, String> environment = new java.util.HashMap<>(env);
        environment.put("PATH", fakes.path());
        return ProcessResult.run(List.of("bash", "-c", script), temp, environment, Duration.ofSeconds(30));
    }

    private Path workspace() throws IOException {
        return Files.createDirectories(temp.resolve("workspace"));
    }

    private void writeDigest() throws IOException {
        Files.writeString(workspace().resolve("worker-image-digest"), DIGEST_HEX);
    }

    private static int indexOf(List<String> texts, Predicate<String> stage) {
        for (int i = 0; i < texts.size(); i++) {
            if (stage.test(texts.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
