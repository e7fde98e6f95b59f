import type { FeatureView } from '@fp/feature-views';

/**
 * A view of any row type, for code that reads only a view's name, schema and entity key (a view's
 * functions take rows, which makes `FeatureView<Row>` invariant in `Row`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFeatureView = FeatureView<any>;
