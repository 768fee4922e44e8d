/**
 * Waits for a promise that must reject and returns its reason. Fails when it resolves, or when it
 * has not settled within `timeoutMs` (a guard so that a broken plugin fails instead of hanging).
 */
export async function captureRejection(promise: Promise<unknown>, description: string, timeoutMs = 5000): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([
      promise.then(
        () => ({ rejected: false as const }),
        (error: unknown) => ({ rejected: true as const, error }),
      ),
      timeout,
    ]);
    if (outcome === 'timeout') throw new Error(`${description} neither resolved nor rejected within ${timeoutMs} ms.`);
    if (!outcome.rejected) throw new Error(`${description} resolved but was expected to reject.`);
    return outcome.error;
  } finally {
    clearTimeout(timer);
  }
}
