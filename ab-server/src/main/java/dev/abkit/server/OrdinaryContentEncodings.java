package dev.abkit.server;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Responses are compressed only with encodings every HTTP client speaks. Micronaut's compressor also
 * offers snappy (and zstd when its library is present), and picks it for {@code Accept-Encoding: *};
 * browsers, OkHttp and URLSession cannot decode those, and Micronaut has no setting to turn one off.
 * So before Micronaut reads a request, its {@code Accept-Encoding} keeps only gzip, deflate and br
 * (br takes effect only where Brotli is on the classpath), and {@code *} stands for gzip and deflate.
 */
@Singleton
final class OrdinaryContentEncodings implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private static final Set<String> SPOKEN_BY_EVERY_CLIENT = Set.of("gzip", "deflate", "br", "identity");
    private static final List<String> ANY = List.of("gzip", "deflate");

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new PerConnection(null));
        return event.getBean();
    }

    /** {@code snappy;q=1, gzip;q=0.5, *;q=0.1} becomes {@code gzip;q=0.5, gzip;q=0.1, deflate;q=0.1}. */
    static String ordinary(String acceptEncoding) {
        List<String> kept = new ArrayList<>();
        for (String entry : acceptEncoding.split(",")) {
            String trimmed = entry.trim();
            int semicolon = trimmed.indexOf(';');
            String name = (semicolon < 0 ? trimmed : trimmed.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
            String parameters = semicolon < 0 ? "" : trimmed.substring(semicolon);
            if (name.equals("*")) {
                ANY.forEach(encoding -> kept.add(encoding + parameters));
            } else if (SPOKEN_BY_EVERY_CLIENT.contains(name)) {
                kept.add(name + parameters);
            }
        }
        return kept.isEmpty() ? "identity" : String.join(", ", kept);
    }

    private record PerConnection(Channel channel) implements NettyServerCustomizer {

        @Override
        public NettyServerCustomizer specializeForChannel(Channel connection, ChannelRole role) {
            return new PerConnection(connection);
        }

        @Override
        public void onStreamPipelineBuilt() {
            channel.pipeline().addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND,
                    "ordinary-content-encodings", new RewriteAcceptEncoding());
        }
    }

    @ChannelHandler.Sharable
    private static final class RewriteAcceptEncoding extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpRequest request) {
                String acceptEncoding = request.headers().get(HttpHeaderNames.ACCEPT_ENCODING);
                if (acceptEncoding != null) {
                    request.headers().set(HttpHeaderNames.ACCEPT_ENCODING, ordinary(acceptEncoding));
                }
            }
            context.fireChannelRead(message);
        }
    }
}
