const TAIL_LINES = 40;

/** Keeps the last lines of a process's output, for the error that reports its failure. */
export function pushTail(tail: string[], line: string): void {
  tail.push(line);
  if (tail.length > TAIL_LINES) tail.shift();
}
