package org.civicpulse.dashboard.security;

import java.time.Clock;
import java.util.Arrays;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;

import org.civicpulse.dashboard.api.ApiError;
import org.civicpulse.dashboard.org.OrgDirectory;
import org.civicpulse.dashboard.ui.LoginView;
import org.civicpulse.domain.calendar.ReportingCalendar;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Three filter chains:
 * <ol>
 *   <li>{@code /api/**}: HTTP Basic against the configured users, stateless, no CSRF (no cookies are
 *   read), JSON 401/403, every call audited ({@link AuditFilter}). Which units a caller sees is
 *   decided per request by {@link UnitScope}.</li>
 *   <li>{@code /actuator/**}: health (liveness/readiness) open, everything else denied.</li>
 *   <li>everything else: the Vaadin UI with form login ({@link VaadinSecurityConfigurer}, login view
 *   {@code /login}); static JS/CSS and webjars are open.</li>
 * </ol>
 */
@Configuration
@EnableWebSecurity
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
@EnableConfigurationProperties(UsersProperties.class)
public class SecurityConfig {

    /** Static resources anyone may load (the login page needs them too), and the error page. */
    public static final String[] PUBLIC_STATIC = {"/webjars/**", "/styles/**", "/js/**", "/images/**", "/error"};

    private static final String[] ALL_ROLES = Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);

    @Bean
    CivicUserDetailsService civicUsers(UsersProperties properties) {
        return new CivicUserDetailsService(properties);
    }

    @Bean
    UnitScope unitScope(OrgDirectory directory, Clock clock, ReportingCalendar calendar) {
        return new UnitScope(directory, clock, calendar.zone());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return Passwords.encoder();
    }

    /**
     * Requests Spring Security's firewall refuses (encoded '%' or '/', ';', control characters in the
     * path): 400 with a JSON body, like every other refusal of the API.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper objectMapper) {
        return (request, response, e) -> {
            if (response.isCommitted()) {
                return;
            }
            response.setStatus(400);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            objectMapper.writeValue(response.getOutputStream(),
                    new ApiError("bad_request", null, "The request was rejected: " + e.getMessage()));
        };
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ObjectMapper objectMapper) throws Exception {
        ApiSecurityHandlers handlers = new ApiSecurityHandlers(objectMapper);
        http.securityMatcher(path("/api/**"))
                .authorizeHttpRequests(a -> a.anyRequest().hasAnyRole(ALL_ROLES))
                .httpBasic(b -> b.authenticationEntryPoint(handlers).realmName("CivicPulse"))
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .anonymous(a -> a.disable())
                .addFilterAfter(new AuditFilter(), BasicAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuatorChain(HttpSecurity http) throws Exception {
        http.securityMatcher(path("/actuator/**"))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(path("/actuator/health"), path("/actuator/health/**")).permitAll()
                        .anyRequest().denyAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain uiChain(HttpSecurity http) throws Exception {
        // Same-origin frames only (instead of DENY): the reports view previews an archived PDF in an iframe.
        http.headers(h -> h.frameOptions(f -> f.sameOrigin()));
        http.authorizeHttpRequests(a -> a.requestMatchers(
                Arrays.stream(PUBLIC_STATIC).map(SecurityConfig::path).toArray(PathPatternRequestMatcher[]::new))
                .permitAll());
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class));
        return http.build();
    }

    private static PathPatternRequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }
}
