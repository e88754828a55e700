package dev.viewgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GuestAccessTest {

    @Test
    void permissionsAreIntersectedWithTheAppsSettings() {
        GuestAccess access = GuestAccess.of(List.of("read", "write", "create", "export"),
                new ViewSettings("Client Report", true, false, true));
        assertTrue(access.read());
        assertTrue(access.edit());
        assertFalse(access.addRows(), "the view is not addable");
        assertTrue(access.export());

        GuestAccess notExportable = GuestAccess.of(List.of("read", "export"), new ViewSettings("x", true, true, false));
        assertFalse(notExportable.export());
    }

    @Test
    void nothingWithoutRead() {
        GuestAccess access = GuestAccess.of(List.of("write", "export"), new ViewSettings("x", true, true, true));
        assertFalse(access.read());
        assertFalse(access.edit());
        assertFalse(access.export());
    }

    @Test
    void unknownPermissionsAreIgnored() {
        GuestAccess access = GuestAccess.of(List.of("read", "admin"), new ViewSettings("x", true, true, true));
        assertEquals(java.util.Set.of("read"), access.permissions());
    }

    @Test
    void presets() {
        assertEquals(List.of("read"), GuestAccess.fromPreset("read-only", List.of("export")));
        assertEquals(List.of("read", "write", "create"), GuestAccess.fromPreset("editor", List.of()));
        assertEquals(List.of("read", "export"), GuestAccess.fromPreset("custom", List.of("export", "bogus")));
        assertEquals(List.of("read"), GuestAccess.fromPreset("custom", List.of()));
        assertThrows(IllegalArgumentException.class, () -> GuestAccess.fromPreset(null, List.of()));
    }
}
