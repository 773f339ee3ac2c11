/**
 * Reads CloudWatch embedded metric format (EMF), as Powertools Metrics writes it: one JSON object
 * per line, its metrics named in `_aws.CloudWatchMetrics` and their values at the top level.
 */
interface EmfDirective {
  Dimensions: string[][];
  Metrics: { Name: string }[];
}

/** One metric of an EMF line: its values, and its name with any extra dimensions as `name{Dimension=value}`. */
interface EmfMetric {
  key: string;
  values: number[];
}

/**
 * The metrics of one parsed EMF line. Every metric carries the `service` and `stage` dimensions, so
 * only the others go into its key (TokensRefused by `Reason`, for example).
 */
export function emfMetrics(emf: Record<string, unknown>): EmfMetric[] {
  const directives = (emf._aws as { CloudWatchMetrics: EmfDirective[] }).CloudWatchMetrics;
  return directives.flatMap(({ Dimensions, Metrics }) => {
    const extra = (Dimensions[0] ?? []).filter((d) => d !== 'service' && d !== 'stage');
    const suffix = extra.length ? `{${extra.map((d) => `${d}=${String(emf[d])}`).join(',')}}` : '';
    return Metrics.map(({ Name }) => ({ key: `${Name}${suffix}`, values: ([] as unknown[]).concat(emf[Name]).map(Number) }));
  });
}
