package dev.viewgate.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may manage an app's views and grants on the realm API. */
class ShareAdmissionTest {

    @ParameterizedTest(name = "service account {0}, own app {1}, admitted {2}, tier reaches {3} -> {4}")
    @CsvSource({
            // the app's own service account with its viewgate-share
            "true,  true,  true,  false, ALLOWED",
            // another app's service account, or the app's without the role
            "true,  false, false, false, NOT_YOUR_CLIENT",
            "true,  true,  false, false, NOT_YOUR_CLIENT",
            "true,  false, true,  true,  NOT_YOUR_CLIENT",
            // a member the app admits, tier high enough, with a token of that app
            "false, true,  true,  true,  ALLOWED",
            // bob: T4, no role of app B (finding 4)
            "false, true,  false, true,  NOT_YOUR_CLIENT",
            // admitted to B, but acting with another app's token
            "false, false, true,  true,  NOT_YOUR_CLIENT",
            "false, false, false, true,  NOT_YOUR_CLIENT",
            // tier below viewgate.share.minTier: refused for that first, whatever the app (no existence probe)
            "false, true,  true,  false, TIER_TOO_LOW",
            "false, false, false, false, TIER_TOO_LOW",
            "false, true,  false, false, TIER_TOO_LOW",
    })
    void onlyTheAppAndTheMembersItAdmits(boolean serviceAccount, boolean ownApp, boolean admitted, boolean tierReaches,
                                         ShareAdmission.Outcome outcome) {
        assertEquals(outcome, ShareAdmission.decide(new ShareAdmission.Facts(serviceAccount, ownApp, admitted, tierReaches)));
    }
}
