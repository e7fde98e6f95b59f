import { FeatureViewsError } from './errors';
import type { FeatureView } from './feature-view';

/**
 * The text that identifies a row's entity in stores and lookups: the field's value as text for a
 * one-field key (`"42"` for `cc_num` 42, the email itself for `email_address`), a JSON array of
 * the values for a composite key (`'["a",1]'`), so two entities never share a text.
 *
 * @throws FeatureViewsError `FEATURE_VIEWS_BAD_ROW` when a key field is missing or not a string or number
 */
export function entityKeyOf<Row>(view: FeatureView<Row>, row: Row): string {
  const values = view.entityKey.map((field) => keyValue(view, row, field));
  return values.length === 1 ? String(values[0]) : JSON.stringify(values);
}

function keyValue<Row>(view: FeatureView<Row>, row: Row, field: keyof Row & string): string | number {
  const value = (row as Record<string, unknown> | null)?.[field];
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return value;
  if (typeof value === 'bigint') return value.toString() as string;
  throw new FeatureViewsError(
    'FEATURE_VIEWS_BAD_ROW',
    `view ${view.name}: entity key field ${field} is ${value === undefined ? 'missing' : `not a string or number (${typeof value})`}`,
  );
}
