package dev.viewgate.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a guest may do: the grant's permissions bounded by the view's settings, and which grants are valid at all. */
class PermissionsTest {

    @ParameterizedTest(name = "grant {0}, editable {1}, addable {2}, exportable {3} -> {4}")
    @CsvSource(delimiter = ';', value = {
            // grant                    ; editable ; addable ; exportable ; effective
            "read                       ; false    ; false   ; false      ; read",
            "read write create export   ; false    ; false   ; false      ; read",
            "read write create export   ; true     ; false   ; false      ; read write",
            "read write create export   ; false    ; true    ; false      ; read create",
            "read write create export   ; false    ; false   ; true       ; read export",
            "read write create export   ; true     ; true    ; true       ; read write create export",
            "read export                ; true     ; true    ; false      ; read",
            "read write                 ; false    ; true    ; true       ; read",
            "read create                ; true     ; false   ; true       ; read",
            "read                       ; true     ; true    ; true       ; read",
            "read write export          ; true     ; false   ; true       ; read write export",
    })
    void theViewsSettingsAlwaysWin(String grant, boolean editable, boolean addable, boolean exportable, String effective) {
        assertEquals(words(effective), Permissions.effective(words(grant), editable, addable, exportable));
    }

    @ParameterizedTest(name = "{0} (public {1}) -> {2}")
    @CsvSource(delimiter = ';', value = {
            "read                 ; false ; read",
            "export read          ; false ; read export",
            "write read           ; true  ; public_is_read_only",
            "read                 ; true  ; read",
            "read read            ; false ; invalid_permissions",
            "READ                 ; false ; invalid_permissions",
            "admin                ; false ; invalid_permissions",
            "''                   ; false ; invalid_permissions",
    })
    void requestedPermissionsAreKnownDistinctAndReadOnlyWhenPublic(String requested, boolean publicLink, String outcome) {
        List<String> names = words(requested);
        if (outcome.contains("_")) {
            // The refusal is a JSON 400 with this code; building its Response needs a JAX-RS runtime (ITs check the body).
            assertThrows(RuntimeException.class, () -> Permissions.requested(names, publicLink), outcome);
        } else {
            assertEquals(words(outcome), Permissions.requested(names, publicLink), "in canonical order");
        }
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
    }
}
