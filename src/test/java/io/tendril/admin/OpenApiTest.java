package io.tendril.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.support.Http;
import io.tendril.support.TestNode;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The OpenAPI document lists exactly the API routes the server registers. */
class OpenApiTest {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @Test
    void documentMatchesRoutes() {
        try (TestNode node = TestNode.start()) {
            HttpResponse<String> response = node.http().get("/api/v1/openapi.json");
            assertEquals(200, response.statusCode());
            JsonNode document = Http.json(response);
            assertEquals("3.0.3", document.get("openapi").asText());

            Set<String> documented = new TreeSet<>();
            document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                    .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT)
                            + " " + path.getKey())));
            Set<String> served = node.tendril().routes().stream()
                    .filter(route -> METHODS.contains(route.substring(0, route.indexOf(' '))))
                    .filter(route -> route.contains(" /api/"))
                    .collect(Collectors.toCollection(TreeSet::new));

            assertEquals(served, documented);
        }
    }
}
