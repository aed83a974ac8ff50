/**
 * Runs at most `max` tasks at once; the rest wait their turn in order. Used
 * where each task holds a lot of memory (a downloaded image being decoded), so
 * hundreds of finishing generations do not all hold theirs at the same time.
 */
export function createLimiter(max: number) {
  let running = 0;
  const queue: (() => void)[] = [];
  return async function limit<T>(task: () => Promise<T>): Promise<T> {
    if (running >= max) await new Promise<void>((resolve) => queue.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = queue.shift();
      if (next) next();
      else running--;
    }
  };
}

export type Limiter = ReturnType<typeof createLimiter>;
