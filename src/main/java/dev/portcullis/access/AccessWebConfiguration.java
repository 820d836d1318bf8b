package dev.portcullis.access;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.portcullis.shared.StepUp;

/** Puts the route access check (ADM-1) first in front of every handler, pages and API alike. */
@Configuration(proxyBeanMethods = false)
class AccessWebConfiguration implements WebMvcConfigurer {

    private final Permissions permissions;
    private final StepUp stepUp;

    AccessWebConfiguration(Permissions permissions, StepUp stepUp) {
        this.permissions = permissions;
        this.stepUp = stepUp;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RouteAccessCheck(permissions, stepUp)).order(Ordered.HIGHEST_PRECEDENCE);
    }
}
