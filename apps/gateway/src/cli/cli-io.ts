/** Where the CLI writes; tests pass their own to capture the text. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/** The message of an error, without its stack: what an operator needs to fix a config. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
