package dev.datafactory.launcher.gcp;

import dev.datafactory.gcp.GcpClients;
import dev.datafactory.gcp.config.GcpSettings;
import dev.datafactory.gcp.pubsub.ProvisioningStep;
import dev.datafactory.gcp.pubsub.PubSubProvisioner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code factory gcp provision}: create or repair the jobs topic, push subscription and dead-letter queue. */
@Command(name = "provision", mixinStandardHelpOptions = true,
        description = "Create or verify the Pub/Sub jobs topic, the OIDC push subscription to the worker"
                + " (ack deadline 600 s, retry, dead-letter) and the dead-letter subscription. Idempotent.")
public final class GcpProvisionCommand implements Callable<Integer> {

    @Mixin
    GcpSettingsOption settings;

    @CommandLine.Option(names = "--project-number", paramLabel = "NUMBER",
            description = "The project's number (gcloud projects describe PROJECT --format='value(projectNumber)'):"
                    + " with it, Pub/Sub's service agent is granted the roles dead-lettering needs.")
    String projectNumber;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        GcpSettings s = settings.read();
        PrintWriter out = spec.commandLine().getOut();
        try (GcpClients clients = new GcpClients(s)) {
            for (ProvisioningStep step : new PubSubProvisioner(clients.topicAdmin(), clients.subscriptionAdmin())
                    .provision(s, java.util.Optional.ofNullable(projectNumber))) {
                out.println(step);
            }
        }
        return 0;
    }
}
