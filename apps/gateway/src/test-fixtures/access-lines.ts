import { JsonLineLogger } from '../logging/json-line-logger.js';

/** The JSON lines a server wrote, parsed, and a logger that collects them (unbuffered, at `info`). */
export class AccessLines {
  readonly lines: Array<Record<string, unknown>> = [];
  readonly logger = new JsonLineLogger('info', (line) => this.lines.push(JSON.parse(line) as Record<string, unknown>));

  clear(): void {
    this.lines.length = 0;
  }

  /**
   * The last access line of a request to `route`. The line is written once the answer has left, so it is
   * waited for (10 s at most) rather than expected at once.
   */
  async last(route: string): Promise<Record<string, unknown>> {
    for (let attempt = 0; attempt < 1000; attempt += 1) {
      const line = this.lines.findLast((candidate) => candidate.msg === 'request' && candidate.route === route);
      if (line !== undefined) return line;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no access line for ${route}`);
  }
}
