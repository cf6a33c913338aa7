package dev.datafactory.worker.engine;

/**
 * The artifact store refused a write while a page was being recorded (bucket unreachable, disk
 * full). Not the site's fault and not permanent: the job is left unrecorded, to be delivered again.
 */
final class ArtifactWriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ArtifactWriteException(String key, RuntimeException cause) {
        super("writing " + key + " to the artifact store failed: " + ErrorReasons.firstLine(cause), cause);
    }
}
