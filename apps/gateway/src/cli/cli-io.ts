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
  const failure = error as NodeJS.ErrnoException & { address?: string; port?: number };
  if (failure?.code === 'EADDRINUSE') {
    return `Cannot listen on ${failure.address ?? 'the address'}:${failure.port ?? '?'}: it is already in use (is another server running there? choose another with --port).`;
  }
  if (failure?.code === 'EACCES' && failure.syscall === 'listen') {
    return `Cannot listen on ${failure.address ?? 'the address'}:${failure.port ?? '?'}: permission denied (ports below 1024 need privileges).`;
  }
  return error instanceof Error ? error.message : String(error);
}
