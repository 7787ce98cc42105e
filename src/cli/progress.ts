/** "核查进度 [██████······] 45/200" — drawn on stderr when it is a terminal. */
export function progressLine(done: number, total: number, width = 24): string {
  const filled = total ? Math.round((done / total) * width) : width;
  return `核查进度 [${"█".repeat(filled)}${"·".repeat(width - filled)}] ${done}/${total}`;
}

export function progressReporter(total: number, stream: NodeJS.WriteStream = process.stderr): ((done: number) => void) | undefined {
  if (!stream.isTTY || total < 2) return undefined;
  return (done) => {
    stream.write(`\r${progressLine(done, total)}`);
    if (done === total) stream.write("\n");
  };
}
