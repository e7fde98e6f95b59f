import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as deadLetters from './index';

describe('@fp/dead-letters interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(deadLetters).sort()).toEqual([
      'DEAD_LETTER_HEADERS',
      'DeadLettersError',
      'MAX_ERROR_MESSAGE_CHARS',
      'RecordFailedError',
      'buildDeadLetterRecord',
      'createDeadLetterHandler',
      'deadLettersErrorCodes',
    ]);
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new deadLetters.DeadLettersError('DEAD_LETTERS_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'DeadLettersError',
      code: 'DEAD_LETTERS_INVALID_OPTIONS',
      domain: 'internal',
      cause,
    });
  });
});
