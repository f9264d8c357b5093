/**
 * WebSockets (RFC 6455), aiohttp's shape, one protocol implementation for both ends: the frame parser
 * {@link io.asyncio4j.http.ws.WebSocketReader} and encoder {@link io.asyncio4j.http.ws.WebSocketWriter}, the
 * connection engine {@link io.asyncio4j.http.ws.WebSocketProtocol} behind the shared API
 * {@link io.asyncio4j.http.ws.WebSocket}, messages ({@link io.asyncio4j.http.ws.WSMessage},
 * {@link io.asyncio4j.http.ws.WSMsgType}, {@link io.asyncio4j.http.ws.WSCloseCode}) and the client end
 * {@link io.asyncio4j.http.ClientWebSocketResponse}; the server end is
 * {@code io.asyncio4j.http.web.WebSocketResponse}. permessage-deflate (RFC 7692) is {@link
 * io.asyncio4j.http.ws.PerMessageDeflate}, with the JDK's fixed 32 KiB window.
 */
package io.asyncio4j.http.ws;
