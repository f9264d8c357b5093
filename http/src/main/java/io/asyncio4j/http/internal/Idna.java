package io.asyncio4j.http.internal;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;

/**
 * A host name as a connection and a {@code Host} field need it: ASCII, a non-ASCII label as its IDNA A-label
 * ({@code bücher.example} is {@code xn--bcher-kva.example}), as yarl 1.8.2 encodes a URL's host (the {@code idna}
 * package, UTS 46 non-transitional). {@link IDN#toASCII} (IDNA 2003) does the work; the four characters on which
 * IDNA 2003 and UTS 46 non-transitional disagree ({@code ß}, final sigma {@code ς}, ZWJ and ZWNJ, which IDNA 2003
 * maps to {@code ss}, {@code σ} or nothing, so {@code straße.de} would reach {@code strasse.de}, another host)
 * are kept in their labels and encoded by {@link #punycode}, as the {@code idna} package encodes them. Other
 * differences are leniency only: IDNA 2003 encodes a few names IDNA 2008 refuses (symbols such as {@code ☃}).
 * Stateless and thread-safe.
 */
public final class Idna {
    private Idna() {
    }

    /**
     * {@code host} (already lower-case) as ASCII: itself if it is, else each non-ASCII label as its A-label.
     *
     * @param host a host name, not an IP address
     * @return the ASCII host
     * @throws IllegalArgumentException if a label cannot be encoded (too long, or a character IDNA forbids)
     */
    public static String toAscii(String host) {
        if (host.chars().allMatch(c -> c < 128)) {
            return host;
        }
        if (host.chars().noneMatch(Idna::deviation)) {
            return IDN.toASCII(host).toLowerCase(Locale.ROOT);
        }
        String[] labels = host.split("\\.", -1);
        StringBuilder sb = new StringBuilder(host.length() + 16);
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            if (i > 0) {
                sb.append('.');
            }
            if (label.chars().noneMatch(Idna::deviation)) {
                sb.append(label.isEmpty() ? "" : IDN.toASCII(label).toLowerCase(Locale.ROOT));
            } else {
                String a = "xn--" + punycode(Normalizer.normalize(label.toLowerCase(Locale.ROOT),
                        Normalizer.Form.NFC));
                if (a.length() > 63) {
                    throw new IllegalArgumentException("label too long: " + label);
                }
                sb.append(a);
            }
        }
        return sb.toString();
    }

    /** ß, final sigma, ZWNJ, ZWJ: the UTS 46 deviation characters. */
    private static boolean deviation(int c) {
        return c == 0x00DF || c == 0x03C2 || c == 0x200C || c == 0x200D;
    }

    /**
     * RFC 3492's encoding of {@code label} (without the {@code xn--} prefix): {@code bücher} is
     * {@code bcher-kva}.
     *
     * @param label a label, code points as they are
     * @return its Punycode
     */
    static String punycode(String label) {
        int[] cps = label.codePoints().toArray();
        StringBuilder out = new StringBuilder(cps.length + 8);
        for (int cp : cps) {
            if (cp < 128) {
                out.append((char) cp);
            }
        }
        int basic = out.length();
        int handled = basic;
        if (basic > 0) {
            out.append('-');
        }
        int n = 128;
        int delta = 0;
        int bias = 72;
        while (handled < cps.length) {
            int m = Integer.MAX_VALUE;
            for (int cp : cps) {
                if (cp >= n && cp < m) {
                    m = cp;
                }
            }
            delta += (m - n) * (handled + 1);
            n = m;
            for (int cp : cps) {
                if (cp < n) {
                    delta++;
                } else if (cp == n) {
                    int q = delta;
                    for (int k = 36; ; k += 36) {
                        int t = k <= bias ? 1 : Math.min(k - bias, 26);
                        if (q < t) {
                            break;
                        }
                        out.append(digit(t + (q - t) % (36 - t)));
                        q = (q - t) / (36 - t);
                    }
                    out.append(digit(q));
                    bias = adapt(delta, handled + 1, handled == basic);
                    delta = 0;
                    handled++;
                }
            }
            delta++;
            n++;
        }
        return out.toString();
    }

    private static int adapt(int delta, int points, boolean first) {
        int d = first ? delta / 700 : delta / 2;
        d += d / points;
        int k = 0;
        while (d > 455) {
            d /= 35;
            k += 36;
        }
        return k + 36 * d / (d + 38);
    }

    private static char digit(int d) {
        return (char) (d < 26 ? 'a' + d : '0' + d - 26);
    }
}
