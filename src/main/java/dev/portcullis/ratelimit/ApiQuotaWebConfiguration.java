package dev.portcullis.ratelimit;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the API quota (LOG-4) in front of every API handler (pages and static files are not API calls). */
@Configuration(proxyBeanMethods = false)
class ApiQuotaWebConfiguration implements WebMvcConfigurer {

    private final RateLimiter limiter;

    ApiQuotaWebConfiguration(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ApiQuotaInterceptor(limiter)).addPathPatterns("/api/**");
    }
}
