/** A bounded queue between a producer (a plan) and consumers (lanes), so memory stays bounded however long the plan. */
export interface Queue<T> {
  push(item: T): Promise<void>;
  close(): void;
  /** The next item, or undefined once the queue is closed and empty. */
  take(): Promise<T | undefined>;
  /** Resolves once the queue is full or closed. */
  filled(): Promise<void>;
  readonly items: readonly T[];
}

export function createQueue<T>(capacity: number): Queue<T> {
  const items: T[] = [];
  let closed = false;
  const consumers: Array<() => void> = [];
  let producer: (() => void) | undefined;
  const fill: Array<() => void> = [];
  const wake = () => {
    consumers.splice(0).forEach((resolve) => resolve());
    if (closed || items.length >= capacity) fill.splice(0).forEach((resolve) => resolve());
  };
  return {
    items,
    async push(item) {
      while (items.length >= capacity) await new Promise<void>((resolve) => (producer = resolve));
      items.push(item);
      wake();
    },
    close() {
      closed = true;
      wake();
    },
    async take() {
      for (;;) {
        const item = items.shift();
        if (item !== undefined) {
          producer?.();
          producer = undefined;
          return item;
        }
        if (closed) return undefined;
        await new Promise<void>((resolve) => consumers.push(resolve));
      }
    },
    filled() {
      if (closed || items.length >= capacity) return Promise.resolve();
      return new Promise((resolve) => fill.push(resolve));
    },
  };
}
