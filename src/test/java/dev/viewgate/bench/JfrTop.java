package dev.viewgate.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's CPU samples went: the methods most often on top of the stack (self), and those most often
 * anywhere in it (total), as shares of all execution samples. For the recordings {@code -Dviewgate.bench.jfr=true}
 * leaves in {@code target/bench/jfr}:
 * {@code java src/test/java/dev/viewgate/bench/JfrTop.java target/bench/jfr/<file>.jfr [rows] [filter]}; a filter
 * that is a whole method name ({@code dev.viewgate.provider.GuestTokenGrantType.process}) also lists what it calls.
 */
public final class JfrTop {

    private JfrTop() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        String filter = args.length > 2 ? args[2] : "";
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> callees = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0)), 1, Integer::sum);
            }
            Set<String> seen = new HashSet<>();
            for (int f = 0; f < frames.size(); f++) {
                String name = name(frames.get(f));
                if (seen.add(name)) {
                    total.merge(name, 1, Integer::sum);
                }
                // the outermost call of the method named by the filter: what it spent its samples in
                if (!filter.isEmpty() && f > 0 && name.equals(filter) && frames.subList(f + 1, frames.size()).stream()
                        .noneMatch(outer -> name(outer).equals(filter))) {
                    callees.merge(name(frames.get(f - 1)), 1, Integer::sum);
                }
            }
        }
        System.out.printf("%d execution samples in %s%n%nself%n", samples, args[0]);
        print(self, samples, rows, "");
        System.out.printf("%ntotal%s%n", filter.isEmpty() ? "" : " (methods containing '" + filter + "')");
        print(total, samples, rows, filter);
        if (!callees.isEmpty()) {
            System.out.printf("%nwhat %s calls (total)%n", filter);
            print(callees, samples, rows, "");
        }
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void print(Map<String, Integer> counts, int samples, int rows, String filter) {
        counts.entrySet().stream()
                .filter(e -> e.getKey().contains(filter))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(rows)
                .forEach(e -> System.out.printf("%6.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }
}
