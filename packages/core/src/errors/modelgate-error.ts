const marker = Symbol.for('modelgate.error');

export interface ModelgateErrorOptions {
  cause?: unknown;
  /** The request field at fault, as a dotted path (`messages.0.role`). */
  param?: string;
  /** A stable machine-readable code (`model_not_found`, `rate_limit_exceeded`). */
  code?: string;
}

/**
 * The base of every error modelgate throws. `isInstance` works across copies of the package
 * (a plugin bundling its own core), which `instanceof` does not.
 */
export class ModelgateError extends Error {
  /** The HTTP status the server answers with. */
  readonly status: number = 500;
  /** The OpenAI error `type`. */
  readonly type: string = 'server_error';
  readonly param: string | undefined;
  readonly code: string | undefined;
  private readonly [marker] = true;

  constructor(message: string, options: ModelgateErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ModelgateError';
    this.param = options.param;
    this.code = options.code;
  }

  static isInstance(error: unknown): error is ModelgateError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}

/** Builds the `isInstance` check of a subclass from its `Symbol.for` marker. */
export function markerCheck<T>(name: string): { symbol: symbol; isInstance: (error: unknown) => error is T } {
  const symbol = Symbol.for(`modelgate.error.${name}`);
  return {
    symbol,
    isInstance: (error: unknown): error is T => typeof error === 'object' && error !== null && symbol in error,
  };
}
