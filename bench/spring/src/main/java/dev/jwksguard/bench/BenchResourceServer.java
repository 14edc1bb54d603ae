package dev.jwksguard.bench;

import java.time.Instant;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The same GET /api/me as JWKS Guard's, on Spring Security's resource server with its defaults:
 * Nimbus verifies each token (no verified-token cache) with the JWKS it caches; iss, aud, exp and
 * nbf are checked (application.properties). GET /api/ping is the floor, with no auth work.
 */
@SpringBootApplication
@RestController
public class BenchResourceServer {

    public record Me(String subject, String issuer, List<String> audience, List<String> scopes, Instant expiresAt) {
    }

    public static void main(String[] args) {
        SpringApplication.run(BenchResourceServer.class, args);
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests.requestMatchers("/api/ping").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @GetMapping("/api/me")
    public Me me(@AuthenticationPrincipal Jwt jwt) {
        String scope = jwt.getClaimAsString("scope");
        return new Me(jwt.getSubject(), jwt.getIssuer().toString(), jwt.getAudience().stream().sorted().toList(),
                scope == null ? List.of() : List.of(scope.split(" ")), jwt.getExpiresAt());
    }

    @GetMapping("/api/ping")
    public String ping() {
        return "ok";
    }
}
