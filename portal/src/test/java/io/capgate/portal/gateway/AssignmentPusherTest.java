package io.capgate.portal.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.protocol.Framing;
import io.capgate.model.protocol.MessageEncoder;
import io.capgate.model.protocol.ProcessMatcher;
import io.capgate.model.protocol.ServiceMode;
import io.capgate.portal.agents.AssignmentSet;
import io.capgate.portal.agents.AssignmentSet.ActiveManifest;
import io.capgate.portal.agents.AssignmentSet.Entry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Turning an agent's assignment set into the ASSIGNMENTS frame: matchers, signatures, and what cannot be sent. */
class AssignmentPusherTest {

  @TempDir Path pki;
  ManifestSigner signer;
  AssignmentPusher pusher;

  @BeforeEach
  void setUp() {
    signer = ManifestSigner.loadOrCreate(pki);
    pusher = new AssignmentPusher(null, signer, null);
  }

  @Test
  void eachServiceCarriesItsMatcherModeAndSignedCanonicalBytes() {
    String json = "{\"apiVersion\":\"capgate.io/v1\"}";
    var set = new AssignmentSet("agent-1", 7, List.of(
        new Entry(1, "billing", "/usr/bin/python3.11", null, null, ServiceMode.KILL,
            Optional.of(new ActiveManifest(41, 3, json))),
        new Entry(2, "worker", null, null, "worker.service", ServiceMode.OBSERVE, Optional.empty())));

    var frame = pusher.assignments(5, set);

    assertThat(frame.requestId()).isEqualTo(5);
    assertThat(frame.revision()).isEqualTo(7);
    var billing = frame.services().get(0);
    assertThat(billing.serviceId()).isEqualTo("1");
    assertThat(billing.matcher()).isEqualTo(new ProcessMatcher.Executable("/usr/bin/python3.11", ""));
    var manifest = billing.manifest().orElseThrow();
    assertThat(manifest.versionId()).isEqualTo("41");
    assertThat(manifest.manifest().toArray()).isEqualTo(json.getBytes(StandardCharsets.UTF_8));
    assertThat(manifest.signingKeyId()).isEqualTo(signer.keyId());
    assertThat(signer.verify(manifest.manifest().toArray(), manifest.signature().toArray())).isTrue();
    var worker = frame.services().get(1);
    assertThat(worker.matcher()).isEqualTo(new ProcessMatcher.SystemdUnit("worker.service"));
    assertThat(worker.manifest()).isEmpty();
  }

  @Test
  void aServiceTheProtocolCannotCarryIsLeftOutAndTheRestIsSent() {
    var set = new AssignmentSet("agent-1", 2, List.of(
        new Entry(1, "billing", "/usr/bin/python3.11", "x".repeat(2000), null, ServiceMode.OBSERVE,
            Optional.empty()),
        new Entry(2, "worker", "/usr/bin/python3.11", "--worker", null, ServiceMode.OBSERVE, Optional.empty())));

    var frame = pusher.assignments(1, set);

    assertThat(frame.services()).extracting(s -> s.serviceId()).containsExactly("2");
  }

  @Test
  void servicesBeyondWhatOneFrameCarriesAreLeftOutAndTheFrameStaysUnderTheLimit() {
    String large = "{\"x\":\"" + "a".repeat(60 * 1024) + "\"}";
    var entries = new java.util.ArrayList<Entry>();
    for (int i = 1; i <= 20; i++) {
      entries.add(new Entry(i, "service-" + i, "/usr/bin/python3.11", "", null, ServiceMode.KILL,
          Optional.of(new ActiveManifest(100 + i, 1, large))));
    }

    var frame = pusher.assignments(1, new AssignmentSet("agent-1", 3, entries));

    assertThat(frame.services()).hasSizeBetween(15, 19);
    assertThat(frame.services().getFirst().serviceId()).isEqualTo("1");
    var channel = new EmbeddedChannel(new MessageEncoder());
    assertThat(channel.writeOutbound(frame)).isTrue();
    ByteBuf encoded = channel.readOutbound();
    try {
      assertThat(encoded.readableBytes()).isLessThanOrEqualTo(Framing.MAX_FRAME_BYTES)
          .isGreaterThan(Framing.MAX_FRAME_BYTES - 2 * 62 * 1024);
    } finally {
      encoded.release();
      channel.finishAndReleaseAll();
    }
  }

  @Test
  void anEnforcingModeWithoutAnActiveVersionIsSentAsObserve() {
    var set = new AssignmentSet("agent-1", 1, List.of(
        new Entry(1, "billing", "/usr/bin/python3.11", "", null, ServiceMode.STOP, Optional.empty())));

    assertThat(pusher.assignments(1, set).services().getFirst().mode()).isEqualTo(ServiceMode.OBSERVE);
  }
}
