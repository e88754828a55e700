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

    private static final ViewSettings CLIENT_REPORT = new ViewSettings("Client Report", true, false, true);

    @Test
    void presetsGiveWhatTheViewAllowsAndSayWhatTheyLeaveOut() {
        assertEquals(List.of("read"), GuestAccess.choose("read-only", List.of("export"), CLIENT_REPORT).given());
        GuestAccess.Choice editor = GuestAccess.choose("editor", List.of(), CLIENT_REPORT);
        assertEquals(List.of("read", "write"), editor.given());
        assertEquals(java.util.Set.of("create"), editor.leftOut().keySet(), "create is reported, not dropped silently");
        assertTrue(editor.leftOut().get("create").contains("does not allow adding rows"));
        GuestAccess.Choice allOn = GuestAccess.choose("editor", List.of(), new ViewSettings("x", true, true, true));
        assertEquals(List.of("read", "write", "create"), allOn.given());
        assertTrue(allOn.leftOut().isEmpty());
    }

    @Test
    void customGivesTheTickedBoxesAndRefusesOneTheViewDoesNotAllow() {
        assertEquals(List.of("read", "export"), GuestAccess.choose("custom", List.of("export", "bogus"), CLIENT_REPORT).given());
        assertEquals(List.of("read"), GuestAccess.choose("custom", List.of(), CLIENT_REPORT).given());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> GuestAccess.choose("custom", List.of("create"), CLIENT_REPORT));
        assertTrue(refused.getMessage().contains("create"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GuestAccess.choose(null, List.of(), CLIENT_REPORT));
        assertThrows(IllegalArgumentException.class, () -> GuestAccess.choose("owner", List.of(), CLIENT_REPORT));
    }

    @Test
    void unavailablePermissionsSayWhy() {
        assertEquals(null, GuestAccess.unavailable("read", new ViewSettings("x", false, false, false)));
        assertTrue(GuestAccess.unavailable("write", new ViewSettings("x", false, true, true)).contains("editing"));
        assertTrue(GuestAccess.unavailable("export", new ViewSettings("x", true, true, false)).contains("exporting"));
        assertEquals(null, GuestAccess.unavailable("create", new ViewSettings("x", true, true, true)));
    }
}
