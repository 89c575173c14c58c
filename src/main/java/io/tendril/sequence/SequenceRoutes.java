package io.tendril.sequence;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tendril.http.ApiException;

/**
 * Sequence control under {@code /api/v1/sequences}. Bearer authentication comes from the
 * {@code /api/v1/*} before-handler of {@link io.tendril.admin.ApiRoutes}.
 */
public final class SequenceRoutes {

    private final SequenceService sequences;

    public SequenceRoutes(SequenceService sequences) {
        this.sequences = sequences;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/sequences/{id}/pause",
                ctx -> respond(ctx, sequences.pause(id(ctx))));
        routes.post("/api/v1/sequences/{id}/resume",
                ctx -> respond(ctx, sequences.resume(id(ctx))));
    }

    /** The response to a pause or resume: the sequence and its status afterwards. */
    record StatusView(long id, String status) {
    }

    private static void respond(Context ctx, String status) {
        ctx.json(new StatusView(id(ctx), status));
    }

    private static long id(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw ApiException.notFound("Sequence '" + raw + "' (the id is not a positive number)");
    }
}
