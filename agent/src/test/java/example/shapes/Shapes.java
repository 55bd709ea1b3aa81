package example.shapes;

/** Methods of awkward shapes for the hand-made weave: every one named {@code run}. */
public class Shapes {
  private long total;

  /** Two-slot arguments and result, locals after them, a loop whose head is a frame. */
  public double run(long a, double b, int times) {
    double sum = b;
    for (int i = 0; i < times; i++) {
      sum += a * i;
    }
    return sum;
  }

  /** A loop at the very first instruction (a frame at offset 0) and a return from inside it. */
  public static int run(int n) {
    while (true) {
      if (n-- <= 0) {
        return n;
      }
    }
  }

  /** Returns from a try, a catch and a finally; an exception the method handles itself. */
  public String run(String text, boolean fail) {
    try {
      if (fail) {
        throw new IllegalStateException(text);
      }
      return text.trim();
    } catch (IllegalStateException e) {
      return "caught " + e.getMessage();
    } finally {
      total++;
    }
  }

  /** Void, synchronized, a field written, boxing of char and float arguments. */
  public synchronized void run(char c, float f, short s, byte b, boolean z) {
    total += c + (long) f + s + b + (z ? 1 : 0);
  }

  /** An array result and an exception thrown out of the method. */
  public int[][] run(int[][] grid, Object marker) {
    if (marker == null) {
      throw new UnsupportedOperationException("no marker");
    }
    return grid;
  }

  public long total() {
    return total;
  }
}
