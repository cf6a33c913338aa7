package dev.datafactory.launcher.worker;

import dev.datafactory.worker.auth.LocalTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;

/** {@code factory token}: a short-lived bearer token for the local worker, signed with the data directory's key. */
@Command(name = "token", mixinStandardHelpOptions = true, description = {
        "Print a short-lived bearer token for the local worker (signed with the data directory's key).",
        "Example: curl -H \"Authorization: Bearer $(./factory token)\" ..."})
public final class TokenCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption dataDir = new DataDirOption();

    @Option(names = "--audience", description = "Audience claim (default: ${DEFAULT-VALUE}).")
    String audience = LocalTokens.AUDIENCE;

    @Option(names = "--email", description = "Email claim (default: ${DEFAULT-VALUE}).")
    String email = LocalTokens.QUEUE_EMAIL;

    @Option(names = "--ttl", paramLabel = "DURATION", description = "Lifetime, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration ttl = LocalTokens.DEFAULT_TTL;

    @Override
    public void run() {
        LocalTokens tokens = LocalTokens.open(dataDir.resolve(System.getenv()));
        spec.commandLine().getOut().println(tokens.issue(audience, email, ttl));
        spec.commandLine().getOut().flush();
    }
}
