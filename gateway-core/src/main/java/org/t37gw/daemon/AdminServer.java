package org.t37gw.daemon;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin endpoint: a small HTTP/1.1 server on a loopback address that answers GET requests from a
 * table of routes ({@code /status} as JSON, {@code /metrics} in Prometheus text format, and the
 * {@code /show/...} pages that {@code t37gw show} prints). Requests are limited to 8 KiB and 10 s.
 */
public final class AdminServer implements LifeCycle {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    /** One answer. */
    public record Response(int status, String contentType, String body) {
        public static Response json(String body) {
            return new Response(200, "application/json; charset=utf-8", body);
        }

        public static Response text(String body) {
            return new Response(200, "text/plain; charset=utf-8", body);
        }

        public static Response prometheus(String body) {
            return new Response(200, "text/plain; version=0.0.4; charset=utf-8", body);
        }
    }

    private final String host;
    private final int port;
    private final Map<String, Supplier<Response>> routes = new LinkedHashMap<>();
    private EventLoopGroup group;
    private Channel channel;

    /**
     * @param host a loopback address (the endpoint has no authentication, so anything else is refused)
     * @param port TCP port, 0 for any free one
     */
    public AdminServer(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public synchronized AdminServer route(String path, Supplier<Response> handler) {
        routes.put(path, handler);
        return this;
    }

    @Override
    public String name() {
        return "admin";
    }

    @Override
    public synchronized void start() throws Exception {
        InetAddress addr = InetAddress.getByName(host);
        if (!addr.isLoopbackAddress()) {
            throw new IllegalArgumentException("admin endpoint must listen on a loopback address, not " + host);
        }
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new ReadTimeoutHandler(10))
                                    .addLast(new HttpServerCodec(4096, 8192, 8192))
                                    .addLast(new HttpObjectAggregator(8192))
                                    .addLast(new Handler());
                        }
                    })
                    .bind(new InetSocketAddress(addr, port)).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
            throw new java.io.IOException("admin endpoint: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The port actually bound (useful when started with port 0). */
    public synchronized int boundPort() {
        return channel == null ? -1 : ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public synchronized void stop() throws Exception {
        if (channel != null) {
            channel.close().syncUninterruptibly();
            channel = null;
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
        }
    }

    @Override
    public String describe() {
        return "admin http://" + host + ":" + boundPort() + "/";
    }

    private Supplier<Response> lookup(String path) {
        synchronized (this) {
            return routes.get(path);
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            Response r;
            if (!req.decoderResult().isSuccess()) {
                r = new Response(400, "text/plain; charset=utf-8", "bad request\n");
            } else if (!HttpMethod.GET.equals(req.method()) && !HttpMethod.HEAD.equals(req.method())) {
                r = new Response(405, "text/plain; charset=utf-8", "only GET\n");
            } else {
                String path = new QueryStringDecoder(req.uri()).path();
                Supplier<Response> h = lookup(path);
                if (h == null) {
                    r = new Response(404, "text/plain; charset=utf-8", "no such page: " + path + "\n");
                } else {
                    try {
                        r = h.get();
                    } catch (RuntimeException e) {
                        LOG.warn("admin {}: {}", path, e.toString(), e);
                        r = new Response(500, "text/plain; charset=utf-8", "error: " + e + "\n");
                    }
                }
            }
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(r.status()),
                    HttpMethod.HEAD.equals(req.method()) ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
            resp.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
            resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (keepAlive) {
                HttpUtil.setKeepAlive(resp, true);
                ctx.writeAndFlush(resp);
            } else {
                ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("admin connection: {}", cause.toString());
            ctx.close();
        }
    }
}
