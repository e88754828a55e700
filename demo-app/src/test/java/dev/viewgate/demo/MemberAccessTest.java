package dev.viewgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemberAccessTest {

    private static final ViewSettings ALL_ON = new ViewSettings("All", true, true, true);
    private static final ViewSettings READ_ONLY = new ViewSettings("Read only", false, false, false);

    @Test
    void tiersUnlockReadExportAndBuild() {
        String[] expected = {
            // tier: read export edit add share settings
            "0: - - - - - -",
            "1: r - - - - -",
            "2: r - - - - -",
            "3: r x - - - -",
            "4: r x e a s c",
            "8: r x e a s c",
        };
        for (String line : expected) {
            int tier = Integer.parseInt(line.substring(0, line.indexOf(':')));
            MemberAccess access = new MemberAccess(tier, ALL_ON, true);
            String actual = tier + ": " + (access.read() ? "r" : "-") + " " + (access.export() ? "x" : "-") + " "
                    + (access.edit() ? "e" : "-") + " " + (access.addRows() ? "a" : "-") + " "
                    + (access.share() ? "s" : "-") + " " + (access.changeSettings() ? "c" : "-");
            assertEquals(line, actual);
        }
    }

    @Test
    void theViewsSettingsWinOverTheTier() {
        MemberAccess owner = new MemberAccess(8, READ_ONLY, false);
        assertTrue(owner.read());
        assertFalse(owner.edit());
        assertFalse(owner.addRows());
        assertFalse(owner.export());
        assertFalse(owner.share(), "internal views are never shared");
        assertTrue(owner.changeSettings());
    }

    @Test
    void theSampleViewsDiffer() {
        Workspace workspace = Workspace.withSampleData();
        MemberAccess campaigns = MemberAccess.of(4, workspace.view("campaign-performance").orElseThrow());
        MemberAccess budget = MemberAccess.of(4, workspace.view("budget-overview").orElseThrow());
        MemberAccess client = MemberAccess.of(4, workspace.view("client-report").orElseThrow());
        assertTrue(campaigns.edit() && campaigns.addRows() && campaigns.export() && !campaigns.share());
        assertTrue(!budget.edit() && !budget.addRows() && budget.export() && !budget.share());
        assertTrue(client.edit() && !client.addRows() && client.export() && client.share());
    }

    @Test
    void viewAsFromExplorerAndNotWhileActive() {
        assertFalse(MemberAccess.mayViewAs(1, false));
        assertTrue(MemberAccess.mayViewAs(2, false));
        assertFalse(MemberAccess.mayViewAs(7, true));
    }
}
