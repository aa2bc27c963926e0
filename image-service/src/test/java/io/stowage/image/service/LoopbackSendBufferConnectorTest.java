package io.stowage.image.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

class LoopbackSendBufferConnectorTest {
    @Test
    void aConnectionFromLoopbackSendsThroughTheFixedBuffer() throws Exception {
        Server server = new Server();
        LoopbackSendBufferConnector connector = new LoopbackSendBufferConnector(server, new HttpConnectionFactory());
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new SendBufferReport());
        server.start();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            // the JDK reports the size set (Linux's getsockopt, twice that, is halved); autotuned, it grows to MiBs
            assertThat(Integer.parseInt(response.body())).isEqualTo(LoopbackSendBufferConnector.LOOPBACK_SEND_BUFFER);
        } finally {
            server.stop();
        }
    }

    @Test
    void onlyLoopbackPeersGetTheFixedBuffer() throws Exception {
        for (String loopback : new String[] {"127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"}) {
            assertThat(LoopbackSendBufferConnector.boundsSendBuffer(InetAddress.getByName(loopback))).as(loopback).isTrue();
        }
        for (String remote : new String[] {"192.0.2.10", "10.0.0.1", "0.0.0.0", "2001:db8::1", "::ffff:192.0.2.10"}) {
            assertThat(LoopbackSendBufferConnector.boundsSendBuffer(InetAddress.getByName(remote))).as(remote).isFalse();
        }
        assertThat(LoopbackSendBufferConnector.boundsSendBuffer(null)).isFalse();
    }

    /** Answers with the send buffer size of the socket the request came on. */
    private static final class SendBufferReport extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws IOException {
            SocketChannel channel = (SocketChannel) request.getConnectionMetaData().getConnection().getEndPoint().getTransport();
            response.setStatus(200);
            Content.Sink.write(response, true, String.valueOf(channel.getOption(StandardSocketOptions.SO_SNDBUF)), callback);
            return true;
        }
    }
}
