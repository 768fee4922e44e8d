import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Cancellation } from './cancellation.js';

describe('cancellation', () => {
  it('calls its listeners once, with the reason set, and not after removal', () => {
    const cancellation = new Cancellation();
    const heard: unknown[] = [];
    const kept = () => heard.push(cancellation.reason);
    const removed = () => heard.push('removed');
    cancellation.once('abort', kept).once('abort', removed).removeListener('abort', removed);
    cancellation.abort('why');
    cancellation.abort('again');
    expect(heard).toEqual(['why']);
    expect(cancellation.aborted).toBe(true);
  });

  it('makes a standard AbortSignal on demand, before or after the abort', () => {
    const early = new Cancellation();
    const signal = early.signal;
    expect(signal.aborted).toBe(false);
    early.abort('x');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('x');
    const late = new Cancellation();
    late.abort('y');
    expect(late.signal.reason).toBe('y');
  });

  it('follows a standard signal', () => {
    const controller = new AbortController();
    const cancellation = Cancellation.fromSignal(controller.signal);
    controller.abort('client left');
    expect(cancellation.reason).toBe('client left');
    const already = Cancellation.fromSignal(AbortSignal.abort('done'));
    expect(already.aborted).toBe(true);
  });

  it('aborts children with the parent, children alone, and unlinks', () => {
    const parent = new Cancellation();
    const first = parent.child();
    const second = parent.child();
    second.unlink();
    first.cancellation.abort('deadline');
    expect(parent.aborted).toBe(false);
    const third = parent.child();
    parent.abort('client');
    expect(third.cancellation.reason).toBe('client');
    expect(second.cancellation.aborted).toBe(false);
    expect(parent.child().cancellation.reason).toBe('client');
  });

  it('is accepted where an EventEmitter-style signal is (undici)', () => {
    // undici takes `once`/`removeListener` when `addEventListener` is absent.
    const cancellation = new Cancellation();
    expect('addEventListener' in cancellation).toBe(false);
    const emitterShape: Pick<EventEmitter, 'once' | 'removeListener'> = cancellation as unknown as EventEmitter;
    let heard = false;
    emitterShape.once('abort', () => (heard = true));
    cancellation.abort();
    expect(heard).toBe(true);
  });
});
