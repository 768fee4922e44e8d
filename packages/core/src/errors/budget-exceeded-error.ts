import { markerCheck, ModelgateError, type ModelgateErrorOptions } from './modelgate-error.js';

const check = markerCheck<BudgetExceededError>('BudgetExceededError');

/**  */
export class BudgetExceededError extends ModelgateError {
  override readonly status: number = 429;
  override readonly type: string = 'budget_exceeded';
  private readonly [check.symbol] = true;

  constructor(message: string, options: ModelgateErrorOptions = {}) {
    super(message, { code: 'budget_exceeded', ...options });
    this.name = 'BudgetExceededError';
  }

  static override isInstance(error: unknown): error is BudgetExceededError {
    return check.isInstance(error);
  }
}
