package dev.vcon.it.shapes.host;

/**
 * The chain method of the run-shape hosts: {@code process(vconId, work)} runs {@code work} inside a
 * chain run for {@code vconId}. What a host does inside the run (exit, park, recurse) is its work.
 */
public final class Job {

  /** What a host does inside a run. */
  public interface Work {
    void inside(Job job, String vconId, int depth);
  }

  private final Work work;

  public Job(Work work) {
    this.work = work;
  }

  public String process(String vconId, int depth) {
    work.inside(this, vconId, depth);
    return vconId;
  }
}
