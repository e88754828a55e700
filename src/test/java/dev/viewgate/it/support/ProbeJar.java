package dev.viewgate.it.support;

import dev.viewgate.it.probe.ProbeResourceProviderFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Packs the test-only probe provider (package dev.viewgate.it.probe) into its own jar for the IT server. Entries are
 * sorted and dated 1980, so an unchanged probe gives identical bytes and Keycloak does not re-augment.
 */
final class ProbeJar {

    private static final String PACKAGE = "dev/viewgate/it/probe/";

    private ProbeJar() {
    }

    static byte[] bytes() {
        try {
            Path classes = Path.of(ProbeResourceProviderFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<Path> files;
            try (Stream<Path> walk = Files.list(classes.resolve(PACKAGE))) {
                files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JarOutputStream jar = new JarOutputStream(out)) {
                add(jar, "META-INF/services/org.keycloak.services.resource.RealmResourceProviderFactory",
                        (ProbeResourceProviderFactory.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
                for (Path file : files) {
                    add(jar, PACKAGE + file.getFileName(), Files.readAllBytes(file));
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(JarOutputStream jar, String name, byte[] content) throws IOException {
        JarEntry entry = new JarEntry(name);
        entry.setTime(315532800000L);
        jar.putNextEntry(entry);
        jar.write(content);
        jar.closeEntry();
    }
}
