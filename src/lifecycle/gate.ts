// A promise opened or shut from outside: what the outbox holds a mail's closing dot on (held-send.ts
// on the main thread, smtp-thread.ts beside it). Its rejection is handled here, so a gate shut
// before anyone waits on it is not an unhandled rejection.

export interface Gate {
  readonly settled: Promise<void>;
  /** Why it was shut, or null while open or waiting. */
  readonly shutBy: Error | null;
  open(): void;
  shut(err: Error): void;
}

export function createGate(): Gate {
  let open!: () => void;
  let reject!: (err: Error) => void;
  const settled = new Promise<void>((resolve, rej) => {
    open = resolve;
    reject = rej;
  });
  settled.catch(() => undefined);
  let shutBy: Error | null = null;
  return {
    settled,
    get shutBy() {
      return shutBy;
    },
    open,
    shut(err) {
      shutBy ??= err;
      reject(err);
    },
  };
}
