package dev.portcullis;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * STYLE "Boundaries": every top-level package is a module; the graph must stay acyclic and no
 * module may reach into another's non-public internals.
 */
class ModularityTests {

    @Test
    void modulesFormADagAndUseOnlyEachOthersApis() {
        ApplicationModules.of(PortcullisApplication.class).verify();
    }
}
