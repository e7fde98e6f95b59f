import { describe, expect, it } from 'vitest';
import { undocumentedErrorCodes } from './testing';

describe('undocumentedErrorCodes()', () => {
  it('lists the codes missing from the README, in order', () => {
    const readme = '| `A_ONE` | first |\n| A_TWO | not in backticks |';
    expect(undocumentedErrorCodes(['A_ONE', 'A_TWO', 'A_THREE'], readme)).toEqual(['A_TWO', 'A_THREE']);
  });
});
