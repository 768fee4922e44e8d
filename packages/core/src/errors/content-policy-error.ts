import { markerCheck, ModelgateError, type ModelgateErrorOptions } from './modelgate-error.js';

const check = markerCheck<ContentPolicyError>('ContentPolicyError');

/**  */
export class ContentPolicyError extends ModelgateError {
  override readonly status: number = 400;
  override readonly type: string = 'invalid_request_error';
  private readonly [check.symbol] = true;

  constructor(message: string, options: ModelgateErrorOptions = {}) {
    super(message, { code: 'content_policy_violation', ...options });
    this.name = 'ContentPolicyError';
  }

  static override isInstance(error: unknown): error is ContentPolicyError {
    return check.isInstance(error);
  }
}
