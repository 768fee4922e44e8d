/** Flush once this many characters are waiting, without waiting for the next turn of the event loop. */
const flushAtCharacters = 64 * 1024;

/**
 * Collects log lines and writes them in one call per turn of the event loop (or sooner when a lot is
 * waiting), so that a busy server makes one write for many requests instead of one each.
 */
export class BufferedLineWriter {
  private pending: string[] = [];
  private size = 0;
  private scheduled = false;
  private readonly flushSoon = () => {
    this.scheduled = false;
    this.flush();
  };

  constructor(private readonly sink: (text: string) => void = (text) => void process.stdout.write(text)) {}

  write(line: string): void {
    this.pending.push(line);
    this.size += line.length;
    if (this.size >= flushAtCharacters) {
      this.flush();
      return;
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flushSoon);
    }
  }

  /** Writes whatever is waiting now (also on close). */
  flush(): void {
    if (this.pending.length === 0) return;
    const text = this.pending.length === 1 ? this.pending[0]! : this.pending.join('');
    this.pending = [];
    this.size = 0;
    this.sink(text);
  }
}
