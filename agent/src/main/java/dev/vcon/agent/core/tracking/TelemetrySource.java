package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.pipeline.Telemetry;

/** Where the tracker gets the current pipeline generation; null while there is none. */
public interface TelemetrySource {

  Telemetry current();
}
