package io.asyncio4j.http;

/**
 * aiohttp's {@code InvalidURL}: a URL that cannot be requested (not absolute, no host, a scheme other than http or
 * https), or a redirect to one. The message quotes the URL.
 */
public class InvalidURL extends ClientError {
    private static final long serialVersionUID = 1L;
    private final String url;

    public InvalidURL(String url, String why) {
        super(why + ": " + url);
        this.url = url;
    }

    /** The offending URL as given. */
    public String url() {
        return url;
    }
}
