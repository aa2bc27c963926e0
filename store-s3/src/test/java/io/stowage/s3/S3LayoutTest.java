package io.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectId;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which locations a store owns: by bucket and prefix, and for legacy Glance forms by the service they named. */
class S3LayoutTest {
    private final S3Layout withPrefix = new S3Layout("images", "glance/v1", Optional.of(URI.create("http://127.0.0.1:9000")));
    private final S3Layout atRoot = new S3Layout("images", "", Optional.of(URI.create("https://S3.Example.org")));
    private final S3Layout onAws = new S3Layout("images", "", Optional.empty());

    @Test
    void mapsIdsToKeysUnderThePrefix() throws Exception {
        assertThat(withPrefix.address(ObjectId.of("abc")).toString()).isEqualTo("s3://images/glance/v1/abc");
        assertThat(atRoot.address(ObjectId.of("abc")).uri()).isEqualTo(URI.create("s3://images/abc"));
    }

    @Test
    void ownsItsBucketAndPrefixOnly() throws Exception {
        assertThat(withPrefix.owns(Location.parse("s3://images/glance/v1/abc"))).isTrue();
        assertThat(withPrefix.owns(Location.parse("S3://images/glance/v1/abc"))).isTrue();
        assertThat(withPrefix.owns(Location.parse("s3://images/abc"))).isFalse();
        assertThat(withPrefix.owns(Location.parse("s3://images/glance/v1/a/b"))).isFalse();
        assertThat(withPrefix.owns(Location.parse("s3://images/glance/v1/.."))).isFalse();
        assertThat(withPrefix.owns(Location.parse("s3://images/glance/v1/abc?versionId=1"))).isFalse();
        assertThat(withPrefix.owns(Location.parse("s3://other/glance/v1/abc"))).isFalse();
        assertThat(withPrefix.owns(Location.parse("file:///images/glance/v1/abc"))).isFalse();
        assertThat(atRoot.owns(Location.parse("s3://images/abc"))).isTrue();
        assertThat(atRoot.owns(Location.parse("s3://images/"))).isFalse();
    }

    @Test
    void ownsLegacyLocationsOfItsOwnServiceOnly() throws Exception {
        assertThat(withPrefix.owns(Location.parse("s3://AK:SK@127.0.0.1:9000/images/glance/v1/abc"))).isFalse();
        assertThat(atRoot.owns(Location.parse("s3://AK:S/K@s3.example.org/images/abc"))).isTrue();
        assertThat(atRoot.owns(Location.parse("s3+https://s3.example.org:443/images/abc"))).isTrue();
        assertThat(atRoot.owns(Location.parse("s3+https://s3.example.org:8443/images/abc"))).isFalse();
        assertThat(atRoot.owns(Location.parse("s3+https://elsewhere.example.org/images/abc"))).isFalse();
        assertThat(onAws.owns(Location.parse("s3://AK:SK@s3.amazonaws.com/images/abc"))).isTrue();
        assertThat(onAws.owns(Location.parse("s3://AK:SK@s3-eu-west-1.amazonaws.com/images/abc"))).isTrue();
        assertThat(onAws.owns(Location.parse("s3://AK:SK@minio.local/images/abc"))).isFalse();
        assertThat(atRoot.owns(Location.of(URI.create("s3://images/abc"), Map.of(Location.LEGACY_S3_ENDPOINT_KEY, "::"))))
                .isFalse();
    }

    @Test
    void refusalsNameTheLocationAndWhatTheStoreHolds() {
        assertThatThrownBy(() -> withPrefix.address(Location.parse("s3://other/x")))
                .isInstanceOf(InvalidLocationException.class)
                .hasMessage("Location s3://other/x is refused: it is not in bucket 'images' under prefix 'glance/v1/'"
                        + " at http://127.0.0.1:9000");
    }

    @Test
    void legacyCredentialsNeverReachTheAddressOrTheMessages() throws Exception {
        Location legacy = Location.parse("s3://AKIAOLD:old/secret+key@elsewhere.example.org/images/abc");

        assertThat(legacy.url()).isEqualTo("s3://images/abc");
        assertThatThrownBy(() -> atRoot.address(legacy)).isInstanceOf(InvalidLocationException.class)
                .hasMessageNotContaining("old/secret").hasMessageNotContaining("AKIAOLD");
    }
}
