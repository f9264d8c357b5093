package io.asyncio4j.http.httpbin;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.http.ClientSession;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** httpbin's pages and images travel with the app in asyncio4j-httpbin, and their notice with them. */
class HttpbinResourcesTest {
    @Test
    void theNoticeIsBesideThePagesAndImages() throws IOException {
        try (InputStream in = Httpbin.class.getResourceAsStream("NOTICE")) {
            assertThat(in).as("io/asyncio4j/http/httpbin/NOTICE").isNotNull();
            String notice = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(notice).contains("Kenneth Reitz").contains("Permission to use, copy, modify");
        }
        for (String name : new String[] {"moby.html", "sample.xml", "forms-post.html", "images/jackal.jpg",
                "images/pig_icon.png", "images/svg_logo.svg", "images/wolf_1.webp"}) {
            assertThat(Httpbin.class.getResource(name)).as(name).isNotNull();
        }
    }

    @Test
    void onlyThisArtifactCarriesThem() throws IOException {
        List<URL> notices = Collections.list(Httpbin.class.getClassLoader()
                .getResources("io/asyncio4j/http/httpbin/NOTICE"));
        String httpbin = Httpbin.class.getProtectionDomain().getCodeSource().getLocation().toString();
        String http = ClientSession.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).toString()).contains(httpbin.replaceFirst("^file:", "")).doesNotContain(http);
    }
}
