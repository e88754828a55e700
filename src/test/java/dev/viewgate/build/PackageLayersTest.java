package dev.viewgate.build;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package graph the README's Layout describes, checked on the compiled classes: base, then the adapter to
 * Keycloak's internals, then the capabilities in their order, then the providers that wire them.
 */
class PackageLayersTest {

    private static final JavaClasses VIEWGATE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.viewgate");

    /** Keycloak's internals (keycloak-services), as opposed to its public SPI (models, events, representations). */
    private static final String[] KEYCLOAK_INTERNALS = {"org.keycloak.services..", "org.keycloak.protocol.oidc..",
            "org.keycloak.forms..", "org.keycloak.authentication..", "org.keycloak.authorization..",
            "org.keycloak.broker..", "org.keycloak.theme.."};

    @Test
    void noPackageCycles() {
        slices().matching("dev.viewgate.(*)..").should().beFreeOfCycles().check(VIEWGATE);
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("base").definedBy("dev.viewgate.base..")
                .layer("adapter").definedBy("dev.viewgate.adapter..")
                .layer("tier").definedBy("dev.viewgate.tier..")
                .layer("audit").definedBy("dev.viewgate.audit..")
                .layer("request").definedBy("dev.viewgate.request..")
                .layer("guest").definedBy("dev.viewgate.guest..")
                .layer("viewas").definedBy("dev.viewgate.viewas..")
                .layer("providers").definedBy("dev.viewgate.provider..", "dev.viewgate.jpa..", "dev.viewgate.openapi..")
                .whereLayer("providers").mayNotBeAccessedByAnyLayer()
                .whereLayer("viewas").mayOnlyBeAccessedByLayers("providers")
                .whereLayer("request").mayOnlyBeAccessedByLayers("providers")
                .whereLayer("guest").mayOnlyBeAccessedByLayers("viewas", "providers")
                .whereLayer("audit").mayOnlyBeAccessedByLayers("request", "guest", "viewas", "providers")
                .whereLayer("tier").mayOnlyBeAccessedByLayers("audit", "request", "guest", "viewas", "providers")
                .whereLayer("adapter").mayOnlyBeAccessedByLayers("tier", "audit", "request", "guest", "viewas", "providers")
                .check(VIEWGATE);
    }

    @Test
    void onlyTheAdapterAndTheProvidersTouchKeycloakInternals() {
        noClasses().that().resideInAnyPackage("dev.viewgate.base..", "dev.viewgate.tier..", "dev.viewgate.audit..",
                        "dev.viewgate.request..", "dev.viewgate.guest..", "dev.viewgate.viewas..")
                .should().dependOnClassesThat().resideInAnyPackage(KEYCLOAK_INTERNALS)
                .check(VIEWGATE);
    }

    @Test
    void theBaseUsesNoOtherViewgatePackage() {
        noClasses().that().resideInAPackage("dev.viewgate.base..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.viewgate.adapter..", "dev.viewgate.tier..",
                        "dev.viewgate.audit..", "dev.viewgate.request..", "dev.viewgate.guest..", "dev.viewgate.viewas..",
                        "dev.viewgate.provider..", "dev.viewgate.jpa..")
                .check(VIEWGATE);
    }
}
