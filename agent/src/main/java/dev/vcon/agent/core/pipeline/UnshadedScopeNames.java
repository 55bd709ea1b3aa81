package dev.vcon.agent.core.pipeline;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfoBuilder;
import io.opentelemetry.sdk.metrics.data.Data;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exports the SDK's own health metrics (exporter and span processor metrics) under the scope names
 * a user searches for, e.g. {@code io.opentelemetry.exporters.otlp-grpc}. The build relocates the
 * SDK under {@link #RELOCATION_PREFIX} and rewrites its string constants with it, so without this
 * the backend would show the agent's shading as scope names.
 *
 * <p>The prefix is written out rather than derived from a class name: a literal starting with the
 * SDK's package would itself be rewritten by the relocation. It must match the shadedPattern of the
 * agent pom's relocations.
 */
final class UnshadedScopeNames extends ForwardingMetricExporter {
  static final String RELOCATION_PREFIX = "dev.vcon.agent.shaded.";

  // Only the SDK's own scopes are renamed, a handful; keyed by the scope the SDK hands in.
  private final Map<InstrumentationScopeInfo, InstrumentationScopeInfo> scopes =
      new ConcurrentHashMap<>();

  private UnshadedScopeNames(MetricExporter delegate) {
    super(delegate);
  }

  static MetricExporter wrap(MetricExporter exporter) {
    return exporter instanceof UnshadedScopeNames ? exporter : new UnshadedScopeNames(exporter);
  }

  /** The name without the relocation prefix; any other name unchanged. */
  static String unshaded(String scopeName) {
    return scopeName != null && scopeName.startsWith(RELOCATION_PREFIX)
        ? scopeName.substring(RELOCATION_PREFIX.length())
        : scopeName;
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    List<MetricData> renamed = new ArrayList<>(metrics.size());
    for (MetricData metric : metrics) {
      InstrumentationScopeInfo scope = metric.getInstrumentationScopeInfo();
      renamed.add(
          scope.getName().startsWith(RELOCATION_PREFIX)
              ? new ScopedMetric(metric, scopes.computeIfAbsent(scope, UnshadedScopeNames::rename))
              : metric);
    }
    return delegate.export(renamed);
  }

  private static InstrumentationScopeInfo rename(InstrumentationScopeInfo scope) {
    InstrumentationScopeInfoBuilder builder =
        InstrumentationScopeInfo.builder(unshaded(scope.getName()))
            .setAttributes(scope.getAttributes());
    if (scope.getVersion() != null) {
      builder.setVersion(scope.getVersion());
    }
    if (scope.getSchemaUrl() != null) {
      builder.setSchemaUrl(scope.getSchemaUrl());
    }
    return builder.build();
  }

  /** One metric as it is, under another scope. */
  private static final class ScopedMetric implements MetricData {
    private final MetricData metric;
    private final InstrumentationScopeInfo scope;

    ScopedMetric(MetricData metric, InstrumentationScopeInfo scope) {
      this.metric = metric;
      this.scope = scope;
    }

    @Override
    public Resource getResource() {
      return metric.getResource();
    }

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
      return scope;
    }

    @Override
    public String getName() {
      return metric.getName();
    }

    @Override
    public String getDescription() {
      return metric.getDescription();
    }

    @Override
    public String getUnit() {
      return metric.getUnit();
    }

    @Override
    public MetricDataType getType() {
      return metric.getType();
    }

    @Override
    public Data<?> getData() {
      return metric.getData();
    }
  }
}
