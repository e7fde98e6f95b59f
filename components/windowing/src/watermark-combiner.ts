import { WindowingError } from './errors';
import { optionalIdleTimeoutMs, requireClock } from './watermark-tracker';

export interface WatermarkCombinerOptions {
  /** The inputs (e.g. `topic-partition` names) whose watermarks are combined. */
  readonly inputs: readonly string[];
  /** Processing time without activity after which an input stops holding the watermark back; omit to never. */
  readonly idleTimeoutMs?: number;
  readonly now: () => number;
}

/**
 * An operator's watermark over several inputs: the minimum over the inputs that are not idle.
 *
 * @remarks One per task; not shared between tasks.
 */
export interface WatermarkCombiner {
  /** Sets the input's watermark (lower values are ignored); raising it counts as activity. */
  update(input: string, watermarkMs: number): void;
  /** Records activity on an input without changing its watermark (e.g. an out-of-order record). */
  markActive(input: string): void;
  /** The input will send nothing more (bounded run): it counts as `+Infinity` from now on. */
  endOfInput(input: string): void;
  /** Min over non-idle inputs; holds its last value when all are idle; never decreases. */
  current(): number;
  isIdle(input: string): boolean;
}

interface InputState {
  watermarkMs: number;
  lastActiveAtMs: number;
  hasEnded: boolean;
}

/**
 * Combines per-input watermarks like Flink's `StatusWatermarkValve`: an input that saw nothing for
 * `idleTimeoutMs` is left out until it becomes active again; when every input has ended the
 * watermark is `+Infinity` and every pending window fires.
 *
 * @throws WindowingError `WINDOWING_INVALID_OPTIONS` for no, duplicate or bad inputs or options;
 *   `WINDOWING_UNKNOWN_INPUT` when a method names an input not given at creation
 */
export function createWatermarkCombiner(options: WatermarkCombinerOptions): WatermarkCombiner {
  const idleTimeoutMs = optionalIdleTimeoutMs('createWatermarkCombiner', options.idleTimeoutMs);
  const now = requireClock('createWatermarkCombiner', options.now);
  const inputs = requireInputs(options.inputs);
  const createdAtMs = now();
  const states = new Map<string, InputState>(
    inputs.map((input) => [
      input,
      { watermarkMs: Number.NEGATIVE_INFINITY, lastActiveAtMs: createdAtMs, hasEnded: false },
    ]),
  );
  /** The same states as a list: `current()` runs after every record, and a list needs no iterator. */
  const stateList = [...states.values()];
  let combinedMs = Number.NEGATIVE_INFINITY;

  function stateOf(input: string): InputState {
    const state = states.get(input);
    if (state === undefined) {
      throw new WindowingError(
        'WINDOWING_UNKNOWN_INPUT',
        `watermark input "${input}" is not one of [${inputs.join(', ')}]; list it in createWatermarkCombiner({ inputs })`,
      );
    }
    return state;
  }

  function isIdle(state: InputState, atMs: number): boolean {
    return !state.hasEnded && idleTimeoutMs !== undefined && atMs - state.lastActiveAtMs >= idleTimeoutMs;
  }

  return {
    update(input, watermarkMs) {
      const state = stateOf(input);
      if (Number.isNaN(watermarkMs)) {
        throw new WindowingError('WINDOWING_INVALID_TIMESTAMP', `watermark of input "${input}" is NaN`);
      }
      if (state.hasEnded || watermarkMs <= state.watermarkMs) return;
      state.watermarkMs = watermarkMs;
      state.lastActiveAtMs = now();
    },
    markActive(input) {
      stateOf(input).lastActiveAtMs = now();
    },
    endOfInput(input) {
      const state = stateOf(input);
      state.hasEnded = true;
      state.watermarkMs = Number.POSITIVE_INFINITY;
    },
    current() {
      const atMs = now();
      let minMs = Number.POSITIVE_INFINITY;
      let hasActiveInput = false;
      for (let at = 0; at < stateList.length; at++) {
        const state = stateList[at] as InputState;
        if (isIdle(state, atMs)) continue;
        hasActiveInput = true;
        if (state.watermarkMs < minMs) minMs = state.watermarkMs;
      }
      if (hasActiveInput && minMs > combinedMs) combinedMs = minMs;
      return combinedMs;
    },
    isIdle(input) {
      return isIdle(stateOf(input), now());
    },
  };
}

function requireInputs(inputs: readonly string[]): readonly string[] {
  const isList = Array.isArray(inputs) && inputs.length > 0 && inputs.every((input) => typeof input === 'string');
  if (!isList || new Set(inputs).size !== inputs.length) {
    throw new WindowingError(
      'WINDOWING_INVALID_OPTIONS',
      `createWatermarkCombiner(): inputs must be a non-empty list of distinct names, got ${JSON.stringify(inputs)}`,
    );
  }
  return [...inputs];
}
