import { type CallOptions, InvalidRequestError, type WarningV1 } from '@modelgate/core';

/**
 * Call once the upstream request is built and before it is sent: under `options.strict`, the first
 * warning becomes a 400 naming its setting; otherwise the warnings go on to the response.
 */
export function refuseWarningsWhenStrict(warnings: readonly WarningV1[], options: Pick<CallOptions, 'strict'>): void {
  if (options.strict !== true) return;
  const [first] = warnings;
  if (first === undefined) return;
  throw new InvalidRequestError(`${first.message} Strict mode refuses what it would drop or change.`, {
    ...(first.setting === undefined ? {} : { param: first.setting }),
    code: 'unsupported_parameter',
  });
}
