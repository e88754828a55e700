package dev.viewgate.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Every write a client loop sent, as the client saw it: acknowledged (a 2xx came back), or in doubt (the connection
 * broke or a 5xx came back after the request was sent, so the server may or may not have applied it). Kept in memory
 * for the checks and appended to a file for whoever reads the run afterwards.
 */
final class AckLog {

    enum Outcome { ACKED, IN_DOUBT }

    /** SUBMIT/UPDATE/GRANT/DECLINE of an access request, SHARE/REVOKE of a guest grant. */
    enum Op { SUBMIT, UPDATE, GRANT, DECLINE, SHARE, REVOKE }

    /** {@code entity} is the request or grant id (null for an in-doubt SUBMIT or SHARE); {@code value} the unique message, role or label. */
    record Write(String lane, Op op, String entity, String value, Outcome outcome, String node, long latencyMicros) {
    }

    private final List<Write> writes = new ArrayList<>();
    private final Path file;

    AckLog(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void add(Write write) {
        writes.add(write);
        try {
            Files.writeString(file, String.join("\t", write.lane(), write.op().name(), String.valueOf(write.entity()),
                    write.value(), write.outcome().name(), write.node(), Long.toString(write.latencyMicros())) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized List<Write> writes() {
        return List.copyOf(writes);
    }

    long count(Outcome outcome) {
        return writes().stream().filter(w -> w.outcome() == outcome).count();
    }
}
