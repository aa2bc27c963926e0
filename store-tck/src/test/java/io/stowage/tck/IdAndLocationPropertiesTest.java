package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.InvalidIdException;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectId;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Ids and location text, the two inputs every store receives from outside, against oracles
 * written from DESIGN's rules rather than from the implementation.
 */
class IdAndLocationPropertiesTest {
    @Property(tries = 1000)
    void idsAreValidExactlyWhenTheRuleSaysSo(@ForAll("idCandidates") String candidate) throws Exception {
        boolean expected = isValidByTheRule(candidate);

        assertThat(ObjectId.isValid(candidate)).as("validity of %s", candidate).isEqualTo(expected);
        if (expected) {
            assertThat(ObjectId.of(candidate).value()).isEqualTo(candidate);
        } else {
            assertThatThrownBy(() -> ObjectId.of(candidate)).isInstanceOf(InvalidIdException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\u0000"));
        }
    }

    /** 1 to 255 characters of [A-Za-z0-9._-], not "." or "..". */
    private static boolean isValidByTheRule(String candidate) {
        if (candidate.isEmpty() || candidate.length() > 255 || candidate.equals(".") || candidate.equals("..")) {
            return false;
        }
        for (char c : candidate.toCharArray()) {
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    @Provide
    Arbitrary<String> idCandidates() {
        Arbitrary<String> mostlyValid = Arbitraries.strings().withChars("aZ09._-").ofMinLength(0).ofMaxLength(260);
        Arbitrary<String> withStrangers = Arbitraries.strings()
                .withChars("aZ09._-/\\:\u0000 \né%*?~@").ofMinLength(0).ofMaxLength(20);
        return Arbitraries.oneOf(mostlyValid, withStrangers, Arbitraries.of(".", "..", "...", "", "a".repeat(255),
                "a".repeat(256)));
    }

    @Property(tries = 1000)
    void locationTextParsesOrIsRefusedCleanly(@ForAll("locationTexts") String text) {
        Location location;
        try {
            location = Location.parse(text);
        } catch (InvalidLocationException refused) {
            assertThat(refused.getMessage()).doesNotContain("userinfo-secret", "userinfo/secret", "query-secret");
            return;
        }
        assertThat(location.scheme()).isEqualTo(location.scheme().toLowerCase(Locale.ROOT));
        assertThat(location.uri().getUserInfo()).as("user-info of %s", text).isNull();
        assertThat(location.url()).as("the URL to persist keeps no user-info").doesNotContain("userinfo-secret", "userinfo/secret");
        assertThat(location.toString()).as("the text for logs").doesNotContain("userinfo-secret", "userinfo/secret", "query-secret");
        try {
            assertThat(Location.parse(location.url(), location.metadata())).as("reparsed %s", location.url()).isEqualTo(location);
        } catch (InvalidLocationException e) {
            throw new AssertionError("The clean form of " + text + " does not parse: " + location.url(), e);
        }
    }

    /** A '/' in user-info exists only in Glance's legacy S3 form; elsewhere it would end the authority. */
    private static String userInfoFor(String scheme, String userInfo) {
        return userInfo.contains("/") && !scheme.toLowerCase(Locale.ROOT).startsWith("s3") ? "" : userInfo;
    }

    @Provide
    Arbitrary<String> locationTexts() {
        Arbitrary<String> scheme = Arbitraries.of("s3", "S3", "file", "FILE", "http", "https", "memory", "s3+https",
                "s3+http", "x-y.z", "9bad", "");
        Arbitrary<String> userInfo = Arbitraries.of("", "", "AK:userinfo-secret@", "user@", "AK:userinfo/secret@", ":userinfo-secret@");
        Arbitrary<String> host = Arbitraries.of("", "host", "127.0.0.1:9000", "[::1]:80", "bucket", "h_o", "Host.Example");
        Arbitrary<String> path = Arbitraries.strings().withChars("ab/._-%20~:@").ofMaxLength(20);
        Arbitrary<String> tail = Arbitraries.of("", "", "?x=1", "?signature=query-secret", "#f", " ", "\t", "%zz");
        Arbitrary<String> structured = Combinators.combine(scheme, userInfo, host, path, tail)
                .as((s, u, h, p, t) -> s + "://" + userInfoFor(s, u) + h + (p.startsWith("/") || p.isEmpty() ? p : "/" + p) + t);
        Arbitrary<String> noise = Arbitraries.strings().withChars("aS3:/@%.?#[] \u0001é").ofMaxLength(30);
        return Arbitraries.oneOf(structured, structured, noise);
    }
}
