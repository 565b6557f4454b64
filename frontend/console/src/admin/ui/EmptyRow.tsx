// The one row of a table with nothing to show.
import { t } from '../i18n.js';

export function EmptyRow(props: { columns: number; text?: string }) {
  return (
    <tr>
      <td colSpan={props.columns} class="muted">
        {props.text ?? t('common.empty')}
      </td>
    </tr>
  );
}
