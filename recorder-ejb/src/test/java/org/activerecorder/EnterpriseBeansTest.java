package org.activerecorder;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import jakarta.ejb.Singleton;
import jakarta.ejb.Stateful;
import jakarta.ejb.Stateless;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What WildFly warns about at every deployment is kept out of the enterprise beans, so that a server's start log
 * holds only what an operator should read.
 */
class EnterpriseBeansTest {

    /** WFLYEJB0131 ("should not have a final or static method"), said of each such business interface at each start. */
    @Test
    void theBeansInterfacesOfOursDeclareNoStaticOrFinalMethod() {
        List<String> found = new ArrayList<>();
        int interfaces = 0;
        for (JavaClass bean : LayeringTest.MAIN) {
            if (!bean.isAnnotatedWith(Stateless.class) && !bean.isAnnotatedWith(Singleton.class)
                    && !bean.isAnnotatedWith(Stateful.class)) {
                continue;
            }
            for (JavaClass business : bean.getRawInterfaces()) {
                if (!business.getPackageName().startsWith("org.activerecorder")) {
                    continue;
                }
                interfaces++;
                for (JavaMethod method : business.getMethods()) {
                    if (method.getModifiers().contains(JavaModifier.STATIC)
                            || method.getModifiers().contains(JavaModifier.FINAL)) {
                        found.add(business.getSimpleName() + "." + method.getName() + " (of " + bean.getSimpleName()
                                + ")");
                    }
                }
            }
        }
        assertFalse(interfaces == 0, "no enterprise bean's interface was found: the check checked nothing");
        assertEquals(List.of(), found);
    }
}
