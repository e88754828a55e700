package dev.viewgate.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JDK's jcmd against the server's JVM: full GC and heap figures for the soak, JFR recordings for profiles. */
final class Jcmd {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private Jcmd() {
    }

    /** Heap in use right after a full GC, in MB. */
    static double heapAfterGc(long pid) throws IOException, InterruptedException {
        run(pid, "GC.run");
        String info = run(pid, "GC.heap_info");
        Matcher used = HEAP_USED.matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info said: " + info);
        }
        return Long.parseLong(used.group(1)) / 1024.0;
    }

    /** Starts a JFR recording with the JDK's "profile" settings, written to {@code file} when stopped. */
    static void startRecording(long pid, Path file) throws IOException, InterruptedException {
        run(pid, "JFR.start", "name=viewgate-bench", "settings=profile", "filename=" + file);
    }

    static void stopRecording(long pid) throws IOException, InterruptedException {
        run(pid, "JFR.stop", "name=viewgate-bench");
    }

    /** jcmd, tried three times: attaching to a JVM can time out when the machine is busy. */
    static String run(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        line.addAll(List.of(command));
        String out = "";
        for (int attempt = 1; attempt <= 3; attempt++) {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            out = new String(jcmd.getInputStream().readAllBytes());
            if (jcmd.waitFor(60, TimeUnit.SECONDS) && jcmd.exitValue() == 0) {
                return out;
            }
        }
        throw new IllegalStateException(String.join(" ", line) + " failed: " + out);
    }
}
