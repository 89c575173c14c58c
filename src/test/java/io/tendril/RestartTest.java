package io.tendril;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.config.Config;
import io.tendril.support.Http;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default set-up: embedded PostgreSQL and development inbox, data kept across restarts. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void leadSurvivesRestart() {
        Map<String, String> env = Map.of("TENDRIL_PORT", "0",
                "TENDRIL_DATA_DIR", dataDir.toString());
        String password;
        try (Tendril first = Tendril.start(Config.fromEnvironment(env), Clock.systemUTC(),
                "restart-test")) {
            password = first.generatedPassword();
            assertNotNull(password);
            assertNotNull(first.inbox());
            assertEquals("on", setting(first, "fsync"));
            assertEquals("on", setting(first, "synchronous_commit"));
            Http http = new Http(first.baseUrl());
            assertEquals(303, http.postForm("/f/demo", "email=ole@example.org&name=Ole&consent=on")
                    .statusCode());
        }

        try (Tendril second = Tendril.start(Config.fromEnvironment(env), Clock.systemUTC(),
                "restart-test")) {
            assertNull(second.generatedPassword());
            Http http = new Http(second.baseUrl());
            String token = http.createToken("admin@localhost", password);
            JsonNode leads = Http.json(http.get("/api/v1/leads?email=ole@example.org",
                    "Authorization", "Bearer " + token)).get("data");
            assertEquals(1, leads.size());
            assertEquals("Ole", leads.get(0).get("name").asText());
            JsonNode events = Http.json(http.get("/api/v1/leads/" + leads.get(0).get("id")
                    + "/events", "Authorization", "Bearer " + token)).get("data");
            assertFalse(events.isEmpty());
        }
    }

    private static String setting(Tendril tendril, String name) {
        return tendril.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT current_setting(:name)").bind("name", name).mapTo(String.class).one());
    }
}
