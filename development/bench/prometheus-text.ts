/** One sample of a Prometheus text exposition: `name{label="value",...} number`. */
export interface PrometheusSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/**
 * Parses the text format `/metrics` serves (prom-client). Enough for a bench reading its own
 * worker's gauges and counters: comments and timestamps are ignored, label values are not unescaped.
 */
export function parsePrometheusText(text: string): PrometheusSample[] {
  const samples: PrometheusSample[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = SAMPLE_LINE.exec(line);
    if (!match) continue;
    const [, name = '', rawLabels = '', rawValue = ''] = match;
    const labels: Record<string, string> = {};
    for (const [, label = '', value = ''] of rawLabels.matchAll(LABEL)) labels[label] = value;
    samples.push({ name, labels, value: Number(rawValue) });
  }
  return samples;
}

/** The value of an unlabelled (or the first labelled) sample named `name`, if the worker exposes it. */
export function sampleValue(samples: readonly PrometheusSample[], name: string): number | undefined {
  return samples.find((sample) => sample.name === name)?.value;
}
