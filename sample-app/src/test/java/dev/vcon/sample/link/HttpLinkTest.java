package dev.vcon.sample.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpLinkTest {

  @Test
  void callsTheLoopbackEndpointAndContinuesWithTheSameVcon() {
    HttpLink link = new HttpLink();
    link.init(Map.of(), null);

    assertThat(link.run("uuid-1", "call", 0)).isEqualTo("uuid-1");
    assertThat(link.run("uuid-2", "call", 0)).isEqualTo("uuid-2");
  }

  @Test
  void theEndpointListensOnTheLoopbackAddressOnly() {
    assertThat(LoopbackEndpoint.base().getHost())
        .isEqualTo(InetAddress.getLoopbackAddress().getHostAddress());
  }

  @Test
  void aPathNotStartingWithASlashIsRejected() {
    assertThatThrownBy(() -> new HttpLink().init(Map.of("path", "enrich"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("option path");
  }
}
