package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;
import java.nio.charset.StandardCharsets;

/**
 * aiohttp's {@code web.FileField}: a file uploaded in a {@code multipart/form-data} body, as {@link Request#post()}
 * returns it. The content is held in memory (at most the application's {@code clientMaxSize}).
 *
 * @param name        the form field's name
 * @param filename    the file name the client gave
 * @param contentType the part's {@code Content-Type}, {@code application/octet-stream} if it sent none
 * @param headers     the part's header fields
 * @param content     the file's bytes (not copied)
 */
public record FileField(String name, String filename, String contentType, Headers headers, byte[] content) {
    /** {@return the content decoded as UTF-8 (malformed bytes replaced)} */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "<FileField " + name + " " + filename + " " + contentType + " " + content.length + " bytes>";
    }
}
