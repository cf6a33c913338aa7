package dev.datafactory.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/deploy/provision.sh, the other delivery scripts and the launcher scripts: shellcheck clean; the dry run names
 * every resource and flag DESIGN.md asks for; a real run against a stand-in gcloud is idempotent.
 */
class ProvisionScriptTest {

    private static final String PROJECT = "demo-proj";
    private static final String NUMBER = "123456789012";
    private static final String WORKER_URL = "https://factory-worker-" + NUMBER + ".europe-west1.run.app";
    private static final String PUBSUB_AGENT = "service-" + NUMBER + "@gcp-sa-pubsub.iam.gserviceaccount.com";
    private static final String GITHUB_REPO = "projects/demo-proj/locations/europe-west1/connections/gh/repositories/datafactory";
    private static final List<String> SCRIPTS = List.of("packaging/deploy/provision.sh",
            "packaging/deploy/stage-orchestrator.sh", "packaging/worker/extract-playwright-driver.sh",
            "packaging/desktop/build-installers.sh", "factory", "run-tests", "scripts/lib.sh", ".ci/run");

    @TempDir
    Path temp;

    @Test
    void deliveryScriptsAreShellcheckClean() {
        ProcessResult version;
        try {
            version = ProcessResult.run(List.of("shellcheck", "--version"), temp, Map.of(), Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            fail("shellcheck is not installed; install it with `apt-get install -y shellcheck` (Debian package shellcheck)");
            return;
        }
        assertThat(version.exitCode()).isZero();
        List<String> command = new ArrayList<>(List.of("shellcheck", "--severity=style", "--external-sources"));
        SCRIPTS.forEach(script -> command.add(RepoFiles.path(script).toString()));

        ProcessResult check = ProcessResult.run(command, RepoFiles.root(), Map.of(), Duration.ofSeconds(60));

        assertThat(check.exitCode()).as(check.describe()).isZero();
    }

    @Test
    void dryRunPrintsThePushSubscriptionWithOidcAckDeadlineRetryAndDeadLetterPolicy() {
        List<String> commands = commands(dryRun());

        String create = only(commands, "gcloud pubsub subscriptions create datafactory-jobs-push ");
        assertThat(create).contains(
                "--topic=datafactory-jobs",
                "--push-endpoint=" + WORKER_URL + "/pubsub/push",
                "--push-auth-service-account=factory-push-invoker@demo-proj.iam.gserviceaccount.com",
                "--push-auth-token-audience=" + WORKER_URL,
                "--ack-deadline=600",
                "--min-retry-delay=", "--max-retry-delay=",
                "--dead-letter-topic=projects/demo-proj/topics/datafactory-jobs-dead",
                "--max-delivery-attempts=5");
        assertThat(commands).contains("gcloud pubsub topics create datafactory-jobs --project=demo-proj",
                "gcloud pubsub topics create datafactory-jobs-dead --project=demo-proj");
        assertThat(only(commands, "gcloud pubsub subscriptions create datafactory-jobs-dead-keep "))
                .contains("--topic=datafactory-jobs-dead", "--expiration-period=never");
    }

    @Test
    void dryRunGrantsThePubSubServiceAgentItsDeadLetterRights() {
        List<String> commands = commands(dryRun());

        assertThat(commands).contains(
                "gcloud pubsub topics add-iam-policy-binding datafactory-jobs-dead --project=demo-proj"
                        + " --member=serviceAccount:" + PUBSUB_AGENT + " --role=roles/pubsub.publisher",
                "gcloud pubsub subscriptions add-iam-policy-binding datafactory-jobs-push --project=demo-proj"
                        + " --member=serviceAccount:" + PUBSUB_AGENT + " --role=roles/pubsub.subscriber",
                "gcloud iam service-accounts add-iam-policy-binding factory-push-invoker@demo-proj.iam.gserviceaccount.com"
                        + " --project=demo-proj --member=serviceAccount:" + PUBSUB_AGENT
                        + " --role=roles/iam.serviceAccountTokenCreator");
    }

    @Test
    void dryRunCreatesServiceAccountsWithLeastPrivilegeRoles() {
        List<String> commands = commands(dryRun());

        for (String account : List.of("factory-worker", "factory-orchestrator", "factory-push-invoker",
                "factory-scheduler-invoker", "factory-deployer")) {
            assertThat(commands).anyMatch(c -> c.startsWith("gcloud iam service-accounts create " + account + " "));
        }
        assertThat(commands).anyMatch(c -> c.startsWith("gcloud storage buckets add-iam-policy-binding gs://demo-proj-factory-results")
                && c.contains("serviceAccount:factory-worker@") && c.contains("--role=roles/storage.objectCreator"));
        assertThat(commands).anyMatch(c -> c.startsWith("gcloud pubsub topics add-iam-policy-binding datafactory-jobs ")
                && c.contains("serviceAccount:factory-orchestrator@") && c.contains("--role=roles/pubsub.publisher"));
        assertThat(commands).anyMatch(c -> c.startsWith("gcloud artifacts repositories add-iam-policy-binding datafactory")
                && c.contains("serviceAccount:factory-deployer@") && c.contains("--role=roles/artifactregistry.writer"));
        // Nobody gets a basic role, and runtime identities get nothing project-wide beyond writing logs.
        assertThat(commands).noneMatch(c -> c.matches(".*--role=roles/(owner|editor|viewer)\\b.*"));
        assertThat(commands.stream().filter(c -> c.startsWith("gcloud projects add-iam-policy-binding"))
                .filter(c -> !c.contains("serviceAccount:factory-deployer@")))
                .allMatch(c -> c.contains("--role=roles/logging.logWriter"));
    }

    @Test
    void dryRunEnablesApisAndCreatesRepositoryBucketLifecycleAndTrigger() {
        String output = dryRun();
        List<String> commands = commands(output);

        assertThat(only(commands, "gcloud services enable ")).contains("run.googleapis.com", "pubsub.googleapis.com",
                "cloudscheduler.googleapis.com", "cloudfunctions.googleapis.com", "artifactregistry.googleapis.com",
                "cloudbuild.googleapis.com", "storage.googleapis.com", "logging.googleapis.com");
        assertThat(only(commands, "gcloud artifacts repositories create datafactory "))
                .contains("--repository-format=docker", "--location=europe-west1");
        assertThat(only(commands, "gcloud storage buckets create gs://demo-proj-factory-results "))
                .contains("--uniform-bucket-level-access", "--public-access-prevention");
        assertThat(output).contains("\"condition\": {\"age\": 30, \"matchesPrefix\": [\"canary/\"]}");
        assertThat(only(commands, "gcloud builds triggers create github "))
                .contains("--repository=" + GITHUB_REPO, "--build-config=cloudbuild.yaml",
                        "--service-account=projects/demo-proj/serviceAccounts/factory-deployer@demo-proj.iam.gserviceaccount.com");
    }

    @Test
    void dryRunRunsNothing() {
        FakeCommands fakes = new FakeCommands(temp).add("gcloud", "exit 0");

        ProcessResult dry = provision(fakes, "--dry-run");

        assertThat(dry.exitCode()).as(dry.describe()).isZero();
        assertThat(fakes.calls()).isEmpty();
        // Every line is either a comment or a gcloud command: the dry run shows all it would do.
        assertThat(dry.stdout().lines().filter(l -> !l.isBlank()))
                .allMatch(l -> l.startsWith("#") || l.startsWith("gcloud "));
    }

    @Test
    void rerunningOnAProvisionedProjectUpdatesInsteadOfCreating() {
        FakeCommands everythingExists = new FakeCommands(temp).add("gcloud", "exit 0");

        ProcessResult rerun = provision(everythingExists);

        assertThat(rerun.exitCode()).as(rerun.describe()).isZero();
        List<String> calls = everythingExists.calls();
        assertThat(calls).noneMatch(c -> c.matches("gcloud \\S+( \\S+)? create .*"));
        assertThat(calls).anyMatch(c -> c.startsWith("gcloud pubsub subscriptions update datafactory-jobs-push ")
                && c.contains("--ack-deadline=600") && c.contains("--max-delivery-attempts=5"));
        assertThat(calls).anyMatch(c -> c.startsWith("gcloud builds triggers update github factory-deploy-main "));
        assertThat(calls).anyMatch(c -> c.startsWith("gcloud run services add-iam-policy-binding factory-worker "));
    }

    @Test
    void firstRunOnAnEmptyProjectCreatesEverything() {
        // describe fails (nothing exists); everything else succeeds.
        FakeCommands emptyProject = new FakeCommands(temp).add("gcloud", "[[ \" $* \" == *' describe '* ]] && exit 1; exit 0");

        ProcessResult first = provision(emptyProject);

        assertThat(first.exitCode()).as(first.describe()).isZero();
        List<String> calls = emptyProject.calls();
        assertThat(calls).anyMatch(c -> c.startsWith("gcloud pubsub subscriptions create datafactory-jobs-push "));
        assertThat(calls).anyMatch(c -> c.startsWith("gcloud storage buckets create gs://demo-proj-factory-results "));
        assertThat(calls).anyMatch(c -> c.startsWith("gcloud storage buckets update gs://demo-proj-factory-results ")
                && c.contains("--lifecycle-file="));
        assertThat(calls).noneMatch(c -> c.startsWith("gcloud run services add-iam-policy-binding"));
    }

    @Test
    void rejectsAMaxDeliveryAttemptsPubSubWouldRefuse() {
        ProcessResult bad = provision(new FakeCommands(temp), "--dry-run", "--max-delivery-attempts", "3");

        assertThat(bad.exitCode()).isEqualTo(64);
        assertThat(bad.stderr()).contains("--max-delivery-attempts is '3'").contains("5 to 100");
    }

    @Test
    void namesMatchTheSubstitutionsOfCloudBuild() {
        Map<String, String> substitutions = CloudBuildFile.load().declaredSubstitutions();
        String output = dryRun();

        for (String account : List.of("_WORKER_SA", "_ORCHESTRATOR_SA", "_PUSH_INVOKER_SA", "_SCHEDULER_INVOKER_SA")) {
            assertThat(output).contains("gcloud iam service-accounts create " + substitutions.get(account) + " ");
        }
        assertThat(output).contains("gcloud pubsub topics create " + substitutions.get("_JOBS_TOPIC") + " ")
                .contains("gcloud artifacts repositories create " + substitutions.get("_REPOSITORY") + " ")
                .contains("https://" + substitutions.get("_WORKER_SERVICE") + "-" + NUMBER)
                .contains("gs://" + substitutions.get("_RESULTS_BUCKET").replace("${PROJECT_ID}", PROJECT));
    }

    private String dryRun() {
        ProcessResult result = provision(new FakeCommands(temp), "--dry-run");
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stderr()).isEmpty();
        return result.stdout();
    }

    private ProcessResult provision(FakeCommands fakes, String... extra) {
        List<String> command = new ArrayList<>(List.of(RepoFiles.path("packaging/deploy/provision.sh").toString(),
                "--project", PROJECT, "--project-number", NUMBER, "--github-repository", GITHUB_REPO));
        command.addAll(List.of(extra));
        return ProcessResult.run(command, temp, Map.of("PATH", fakes.path()), Duration.ofSeconds(60));
    }

    /** The command lines of a dry run, shell escapes undone for readability of the assertions. */
    private static List<String> commands(String output) {
        return output.lines().filter(l -> l.startsWith("gcloud ")).map(l -> l.replace("\\", "")).toList();
    }

    private static String only(List<String> commands, String prefix) {
        List<String> matches = commands.stream().filter(c -> c.startsWith(prefix)).toList();
        assertThat(matches).as("commands starting with '%s'", prefix).hasSize(1);
        return matches.get(0);
    }
}
