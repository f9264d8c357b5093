package io.asyncio4j.http.ws;

import java.util.List;

/**
 * The protocol settings of one WebSocket, aiohttp's keyword arguments of {@code WebSocketResponse(...)} and the
 * WebSocket ones of {@code session.ws_connect(...)}: immutable, built with {@link #builder()}. The client's
 * handshake request (extra headers such as {@code Origin}, proxy, auth, TLS) is not a WebSocket setting: it is
 * given as the {@code RequestOptions} of {@code ClientSession.wsConnect(url, options, request)}, so that this
 * package, the frame protocol both ends use, does not depend on the HTTP client.
 *
 * <pre>{@code
 * WSOptions o = WSOptions.builder().protocols("chat").heartbeat(30.0).maxMsgSize(1 << 20).build();
 * }</pre>
 *
 * @param timeout        seconds {@code close()} waits for the peer's close frame (10)
 * @param receiveTimeout seconds {@code receive()} waits for a message, or null for no limit (the default)
 * @param autoclose      answer the peer's close frame at once, inside {@code receive()} (true)
 * @param autoping       answer pings with pongs and swallow pongs, inside {@code receive()} (true)
 * @param heartbeat      send a ping every so many seconds of silence and close the connection with
 *                       {@link WSCloseCode#ABNORMAL_CLOSURE} if nothing arrives within half of it; null: none
 * @param protocols      the subprotocols this side speaks, in order of preference
 * @param maxMsgSize     the largest message accepted, in bytes (4 MiB); 0 for no limit
 * @param compress       permessage-deflate (true): a server accepts a client's offer, a client offers it (aiohttp's
 *                       client offers only with {@code compress=15}; browsers always do)
 */
public record WSOptions(double timeout, Double receiveTimeout, boolean autoclose, boolean autoping, Double heartbeat,
                        List<String> protocols, int maxMsgSize, boolean compress) {
    /** aiohttp's defaults. */
    public static final WSOptions DEFAULT = builder().build();

    /**
     * Copies {@code protocols} (the record holds an unmodifiable list) and checks the components.
     *
     * @throws IllegalArgumentException if {@code maxMsgSize} is negative or {@code heartbeat} is not positive
     * @throws NullPointerException if {@code protocols} or one of its names is null
     */
    public WSOptions {
        protocols = List.copyOf(protocols);
        if (maxMsgSize < 0) {
            throw new IllegalArgumentException("maxMsgSize must be >= 0, not " + maxMsgSize);
        }
        if (heartbeat != null && !(heartbeat > 0)) {
            throw new IllegalArgumentException("heartbeat must be > 0 seconds, not " + heartbeat);
        }
    }

    /** {@return a new builder, starting from aiohttp's defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder of {@link WSOptions}, starting from aiohttp's defaults. */
    public static final class Builder {
        private double timeout = 10.0;
        private Double receiveTimeout;
        private boolean autoclose = true;
        private boolean autoping = true;
        private Double heartbeat;
        private List<String> protocols = List.of();
        private int maxMsgSize = 4 * 1024 * 1024;
        private boolean compress = true;

        private Builder() {
        }

        /**
         * Sets how long {@code close()} waits for the peer's close frame (aiohttp's {@code timeout}, 10 s).
         *
         * @param seconds the wait in seconds
         * @return this builder
         */
        public Builder timeout(double seconds) {
            timeout = seconds;
            return this;
        }

        /**
         * As {@link #timeout(double)} with a {@link java.time.Duration} (converted with nanosecond precision).
         *
         * @param wait the wait; not null
         * @return this builder
         * @throws NullPointerException if {@code wait} is null
         */
        public Builder timeout(java.time.Duration wait) {
            return timeout(io.asyncio4j.Asyncio.seconds(java.util.Objects.requireNonNull(wait, "wait is null")));
        }

        /**
         * As {@link #receiveTimeout(Double)} with a primitive limit, so that {@code receiveTimeout(5)} compiles.
         *
         * @param seconds the wait in seconds
         * @return this builder
         */
        public Builder receiveTimeout(double seconds) {
            return receiveTimeout(Double.valueOf(seconds));
        }

        /**
         * Sets how long {@code receive()} waits for a message (aiohttp's {@code receive_timeout}).
         *
         * @param seconds the wait in seconds, or null for no limit (the default)
         * @return this builder
         */
        public Builder receiveTimeout(Double seconds) {
            receiveTimeout = seconds;
            return this;
        }

        /**
         * Sets whether {@code receive()} answers the peer's close frame at once (aiohttp's {@code autoclose}, true).
         *
         * @param on true to answer it
         * @return this builder
         */
        public Builder autoclose(boolean on) {
            autoclose = on;
            return this;
        }

        /**
         * Sets whether {@code receive()} answers pings and swallows pongs (aiohttp's {@code autoping}, true).
         *
         * @param on true to handle them
         * @return this builder
         */
        public Builder autoping(boolean on) {
            autoping = on;
            return this;
        }

        /**
         * Sets the heartbeat (aiohttp's {@code heartbeat}): a ping after so many seconds without input, and the
         * connection dropped if nothing arrives within half of it.
         *
         * @param seconds the interval in seconds, positive (checked by {@link #build()}); null for none (the default)
         * @return this builder
         */
        public Builder heartbeat(Double seconds) {
            heartbeat = seconds;
            return this;
        }

        /**
         * As {@link #heartbeat(Double)} with a primitive interval, so that {@code heartbeat(30)} compiles.
         *
         * @param seconds the interval in seconds, positive (checked by {@link #build()})
         * @return this builder
         */
        public Builder heartbeat(double seconds) {
            return heartbeat(Double.valueOf(seconds));
        }

        /**
         * Sets the subprotocols this side speaks (aiohttp's {@code protocols}).
         *
         * @param names the names, in order of preference; none null
         * @return this builder
         * @throws NullPointerException if a name is null
         */
        public Builder protocols(String... names) {
            protocols = List.of(names);
            return this;
        }

        /**
         * Sets the largest message accepted (aiohttp's {@code max_msg_size}, 4 MiB); a larger one fails the connection
         * with {@link WSCloseCode#MESSAGE_TOO_BIG}.
         *
         * @param bytes the limit in bytes, 0 for none (negative: {@link #build()} throws)
         * @return this builder
         */
        public Builder maxMsgSize(int bytes) {
            maxMsgSize = bytes;
            return this;
        }

        /**
         * Sets whether permessage-deflate is offered (client) or accepted (server) (true).
         *
         * @param on true to compress when the peer agrees
         * @return this builder
         */
        public Builder compress(boolean on) {
            compress = on;
            return this;
        }

        /**
         * {@return the options set so far}
         *
         * @throws IllegalArgumentException if {@code maxMsgSize} is negative or {@code heartbeat} is not positive
         */
        public WSOptions build() {
            return new WSOptions(timeout, receiveTimeout, autoclose, autoping, heartbeat, protocols, maxMsgSize,
                    compress);
        }
    }
}
