import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises jdk.JavaMonitorEnter and jdk.ThreadPark events of JFR recordings: how many, how long,
 * and which of them were on a host thread with an agent frame (dev.vcon.agent) on the stack, i.e.
 * the chain path waiting on the agent. The agent's own threads (span processor, metric reader,
 * exporters, start and exit hooks) are counted apart: they may wait, the host must not.
 * Run: java it-tests/load/LockReport.java /tmp/vcon-load/jfr/*.jfr
 */
public class LockReport {
  public static void main(String[] args) throws Exception {
    for (String file : args) {
      int all = 0, agentThreads = 0, hostInAgent = 0, classLoading = 0;
      Duration hostInAgentTime = Duration.ZERO;
      Map<String, Integer> stacks = new HashMap<>();
      for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(file))) {
        String type = e.getEventType().getName();
        if (!type.equals("jdk.JavaMonitorEnter") && !type.equals("jdk.ThreadPark")) {
          continue;
        }
        all++;
        String thread = e.getThread() == null ? "" : e.getThread().getJavaName();
        if (thread.startsWith("BatchSpanProcessor") || thread.startsWith("PeriodicMetricReader")
            || thread.startsWith("OkHttp") || thread.startsWith("vcon-otel-agent")
            || thread.contains("grpc") || thread.startsWith("BatchLogRecordProcessor")
            || thread.startsWith("Okio Watchdog")) {
          agentThreads++;
          continue;
        }
        if (e.getStackTrace() == null) {
          continue;
        }
        StringBuilder agentFrames = new StringBuilder();
        boolean loading = false;
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
          String name = f.getMethod().getType().getName();
          String method = f.getMethod().getName();
          // First use of a class: the JVM's class loading and linking locks, once per class.
          loading |= method.equals("loadClass") || method.equals("findClass")
              || method.equals("<clinit>") || method.equals("defineClass");
          if (name.startsWith("dev.vcon.agent")) {
            agentFrames.append(name).append('#').append(f.getMethod().getName()).append(" < ");
          }
        }
        if (agentFrames.length() > 0 && loading) {
          classLoading++;
        } else if (agentFrames.length() > 0) {
          hostInAgent++;
          hostInAgentTime = hostInAgentTime.plus(e.getDuration());
          stacks.merge(type + " " + agentFrames, 1, Integer::sum);
        }
      }
      System.out.printf(
          "%s: lock/park events=%d; on agent threads=%d; on host threads with an agent frame:"
              + " class loading (first use)=%d, other=%d (total %d ms)%n",
          file, all, agentThreads, classLoading, hostInAgent, hostInAgentTime.toMillis());
      stacks.entrySet().stream()
          .sorted((a, b) -> b.getValue() - a.getValue())
          .limit(5)
          .forEach(s -> System.out.println("  " + s.getValue() + " x " + s.getKey()));
    }
  }
}
