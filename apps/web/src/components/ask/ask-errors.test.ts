import { describe, expect, it } from 'vitest';
import { describeAskError } from './ask-errors';

const trpcError = (code: string, message: string) => Object.assign(new Error(message), { data: { code } });

describe('describeAskError', () => {
  it('names a reached budget and keeps the server message with the figures', () => {
    const view = describeAskError(
      trpcError(
        'PAYMENT_REQUIRED',
        'Organization monthly AI budget reached: spent $5.00 of $5.00 in 2025-06',
      ),
    );
    expect(view.title).toBe('AI budget reached');
    expect(view.message).toContain('spent $5.00 of $5.00');
  });

  it('tells AI outages and refused input apart', () => {
    expect(describeAskError(trpcError('SERVICE_UNAVAILABLE', 'All models failed')).title).toBe(
      'The AI service is unavailable',
    );
    expect(describeAskError(trpcError('BAD_REQUEST', 'Question is required'))).toEqual({
      title: 'The question was not accepted',
      message: 'Question is required',
    });
    expect(describeAskError(trpcError('INTERNAL_SERVER_ERROR', 'Internal error (request r1)')).message).toBe(
      'Internal error (request r1)',
    );
  });

  it('reports a dropped connection without a server message', () => {
    expect(describeAskError(new TypeError('Failed to fetch')).title).toBe('Connection lost');
    expect(describeAskError(null).title).toBe('Connection lost');
  });
});
