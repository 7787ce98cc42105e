/** "核查进度 [██████······] 45/200" — drawn on stderr when it is a terminal. */
export function progressLine(done: number, total: number, width = 24): string {
  const filled = total ? Math.round((done / total) * width) : width;
  return `核查进度 [${"█".repeat(filled)}${"·".repeat(width - filled)}] ${done}/${total}`;
}

interface Stream {
  isTTY?: boolean;
  write(s: string): unknown;
}

/**
 * Progress of a run with several files. On a terminal the bar stays on the
 * last line of stderr and each finished file's line (when given) is printed
 * above it on stdout; elsewhere nothing is drawn (the caller prints the lines).
 */
export function progressReporter<T>(
  total: number,
  lineOf?: (outcome: T) => string | null,
  err: Stream = process.stderr,
  out: Stream = process.stdout,
): ((done: number, outcome: T) => void) | undefined {
  if (!err.isTTY || total < 2) return undefined;
  return (done, outcome) => {
    const line = lineOf?.(outcome);
    // \r\x1b[K: back to the start of the bar's line and clear it, so a file's line replaces it.
    if (line) {
      err.write("\r\x1b[K");
      out.write(`${line}\n`);
    }
    err.write(`\r${progressLine(done, total)}`);
    if (done === total) err.write("\n");
  };
}
