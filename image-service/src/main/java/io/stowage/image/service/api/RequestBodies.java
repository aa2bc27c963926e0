package io.stowage.image.service.api;

import java.io.InputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Opens request bodies, and tells whether a body is still withheld: its client sent
 * {@code Expect: 100-continue} and waits for {@code 100 Continue} before it sends the body, which
 * Jetty sends only when a handler first asks for the body. A request refused before its body was
 * opened is then answered without reading, and its client never sends the body.
 */
final class RequestBodies {
    private static final String OPENED = RequestBodies.class.getName() + ".opened";

    private RequestBodies() {}

    /** The body of {@code request} as a stream; from now on its client may be sending it. */
    static InputStream open(Request request) {
        request.setAttribute(OPENED, Boolean.TRUE);
        return Content.Source.asInputStream(request);
    }

    /** Whether the body is still with its client: it waits for {@code 100 Continue}, and nothing opened the body. */
    static boolean withheld(Request request) {
        return request.getAttribute(OPENED) == null
                && request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString());
    }
}
