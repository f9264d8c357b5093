package io.asyncio4j.http;

/**
 * aiohttp's {@code InvalidURL}: a URL that cannot be requested (not absolute, no host, a scheme other than http or
 * https), or a redirect to one. The message quotes the URL.
 */
public class InvalidURL extends ClientError {
    private static final long serialVersionUID = 1L;
    /** The offending URL. */
    private final String url;

    /**
     * An error for {@code url}; the message is {@code why: url}.
     *
     * @param url the offending URL as given
     * @param why what is wrong with it
     */
    public InvalidURL(String url, String why) {
        super(why + ": " + url);
        this.url = url;
    }

    /** {@return the offending URL as given} */
    public String url() {
        return url;
    }
}
