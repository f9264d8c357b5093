package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Netrc}, and the proxy credentials {@code trustEnv} takes from it, against what CPython's netrc reads. */
class NetrcTest {
    private static final String FILE = """
            # a comment line
            machine proxy.test login alice password s3cret
            machine other.test
                account acct password pw2   # trailing comment
            macdef init
            machine inside.macro login nobody password nothing

            default login anon password guest
            """;

    @Test
    void readsMachineEntriesTheDefaultCommentsAndMacrosAsCPythonDoes() {
        assertThat(Netrc.parse(FILE, "proxy.test")).isEqualTo(new BasicAuth("alice", "s3cret"));
        assertThat(Netrc.parse(FILE, "PROXY.test")).isEqualTo(new BasicAuth("anon", "guest")); // exact names
        assertThat(Netrc.parse("machine a login x password 1 machine a login y password 2", "a"))
                .isEqualTo(new BasicAuth("y", "2"));
        assertThat(Netrc.parse(FILE, "other.test")).isEqualTo(new BasicAuth("acct", "pw2"));
        assertThat(Netrc.parse(FILE, "inside.macro")).isEqualTo(new BasicAuth("anon", "guest"));
        assertThat(Netrc.parse("machine a login b password c", "z")).isNull();
    }

    @Test
    void trustEnvGivesAProxyWithoutCredentialsThoseOfNetrc(@TempDir Path dir) throws Exception {
        Path netrc = Files.writeString(dir.resolve("netrc"), FILE);
        Map<String, String> env = Map.of("HTTP_PROXY", "http://proxy.test:3128", "NETRC", netrc.toString());
        assertThat(ProxyEnv.forUrl(URI.create("http://example.org/"), env).auth())
                .isEqualTo(new BasicAuth("alice", "s3cret"));
        Map<String, String> inUrl = Map.of("HTTP_PROXY", "http://bob:pw@proxy.test:3128", "NETRC", netrc.toString());
        assertThat(ProxyEnv.forUrl(URI.create("http://example.org/"), inUrl).auth())
                .isEqualTo(new BasicAuth("bob", "pw"));
        Map<String, String> home = Map.of("HTTP_PROXY", "http://proxy.test:3128", "HOME", dir.toString());
        assertThat(ProxyEnv.forUrl(URI.create("http://example.org/"), home).auth()).isNull(); // no ~/.netrc there
        Files.writeString(dir.resolve(".netrc"), "machine proxy.test login carol password x");
        assertThat(ProxyEnv.forUrl(URI.create("http://example.org/"), home).auth())
                .isEqualTo(new BasicAuth("carol", "x"));
        Files.writeString(dir.resolve(".netrc"), "machine proxy.test login"); // malformed: ignored
        assertThat(ProxyEnv.forUrl(URI.create("http://example.org/"), home).auth()).isNull();
    }
}
