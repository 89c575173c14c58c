package io.tendril.http;

import io.javalin.http.Context;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * A servlet filter that gives a HEAD request the status and headers of a GET of the same URL.
 * Without it, Javalin 7.2.3 responds to HEAD with an empty 200 for any path that has a GET route,
 * without running the route, so a missing form or a login redirect looked like a page. The
 * routes see a GET, and Jetty, which still sees the HEAD, sends no body. Routes that record
 * something on a GET check {@link #isHead} and skip the write.
 */
public final class HeadRequests implements Filter {

    private static final String ATTRIBUTE = HeadRequests.class.getName();

    private HeadRequests() {
    }

    /** Adds the filter in front of every route of {@code handler}. */
    public static void install(ServletContextHandler handler) {
        handler.addFilter(new FilterHolder(new HeadRequests()), "/*",
                EnumSet.of(DispatcherType.REQUEST));
    }

    /** Returns true when the request is a HEAD shown to the routes as a GET. */
    public static boolean isHead(Context ctx) {
        return ctx.req().getAttribute(ATTRIBUTE) != null;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && "HEAD".equals(http.getMethod())) {
            http.setAttribute(ATTRIBUTE, Boolean.TRUE);
            chain.doFilter(new HttpServletRequestWrapper(http) {
                @Override
                public String getMethod() {
                    return "GET";
                }
            }, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
