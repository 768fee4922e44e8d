/** Flush once this many characters are waiting, without waiting for the interval. */
const flushAtCharacters = 64 * 1024;

/** How long a line may wait before it is written, by default. */
const defaultFlushIntervalMs = 100;

export interface BufferedLineWriterOptions {
  /** Where the text goes (stdout by default). */
  sink?: (text: string) => void;
  /** The longest a line waits before it is written. Default 100 ms. */
  flushIntervalMs?: number;
}

/**
 * Collects log lines and writes them together, at most `flushIntervalMs` after the first of them (or
 * sooner when 64 KiB are waiting), so that a busy server makes one write for many requests instead of
 * one each: stdout redirected to a file is written synchronously, one system call per write. The timer
 * does not keep the process alive; the server flushes what is left when it closes.
 */
export class BufferedLineWriter {
  private pending: string[] = [];
  private size = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly sink: (text: string) => void;
  private readonly flushIntervalMs: number;
  private readonly flushLater = () => {
    this.timer = undefined;
    this.flush();
  };

  constructor(options: BufferedLineWriterOptions | ((text: string) => void) = {}) {
    const settings = typeof options === 'function' ? { sink: options } : options;
    this.sink = settings.sink ?? ((text) => void process.stdout.write(text));
    this.flushIntervalMs = settings.flushIntervalMs ?? defaultFlushIntervalMs;
  }

  write(line: string): void {
    this.pending.push(line);
    this.size += line.length;
    if (this.size >= flushAtCharacters) {
      this.flush();
      return;
    }
    if (this.timer === undefined) {
      this.timer = setTimeout(this.flushLater, this.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** Writes whatever is waiting now (also on close). */
  flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.length === 0) return;
    const text = this.pending.length === 1 ? this.pending[0]! : this.pending.join('');
    this.pending = [];
    this.size = 0;
    this.sink(text);
  }
}
