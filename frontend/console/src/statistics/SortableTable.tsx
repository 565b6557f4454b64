// A table whose column headers sort it (a button in each header, aria-sort on the column), for the
// team and agent breakdowns. Missing figures sort last whichever the direction.
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { t } from './i18n.js';

export interface Column<Row> {
  key: string;
  label: string;
  /** What sorting compares; null sorts last. */
  sortValue: (row: Row) => number | string | null;
  cell: (row: Row) => JSX.Element;
  numeric?: boolean;
  /** A short note under the label (e.g. "median · p90"). */
  hint?: string;
}

export interface SortableTableProps<Row> {
  caption: string;
  rows: Row[];
  columns: Column<Row>[];
  rowKey: (row: Row) => string;
  /** The first column is the row's header (a name). */
  initialSort?: { key: string; descending: boolean };
  empty: string;
  testId?: string;
  rowTestId?: string;
}

export function SortableTable<Row>(props: SortableTableProps<Row>) {
  const [sort, setSort] = createSignal(props.initialSort ?? { key: props.columns[0]?.key ?? '', descending: false });
  const sorted = createMemo(() => {
    const column = props.columns.find((candidate) => candidate.key === sort().key);
    if (!column) return props.rows;
    const direction = sort().descending ? -1 : 1;
    return [...props.rows].sort((a, b) => {
      const left = column.sortValue(a);
      const right = column.sortValue(b);
      if (left === null && right === null) return 0;
      if (left === null) return 1;
      if (right === null) return -1;
      const compared = typeof left === 'number' && typeof right === 'number' ? left - right : String(left).localeCompare(String(right));
      return compared * direction;
    });
  });
  const toggle = (key: string) => setSort((current) => (current.key === key ? { key, descending: !current.descending } : { key, descending: key !== props.columns[0]?.key }));
  const ariaSort = (key: string) => (sort().key === key ? (sort().descending ? 'descending' : 'ascending') : 'none');

  return (
    <div class="stats-table-scroll">
      <table class="table stats-table" data-testid={props.testId}>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <For each={props.columns}>
              {(column) => (
                <th scope="col" aria-sort={ariaSort(column.key)} classList={{ 'stats-num': column.numeric === true }}>
                  <button type="button" class="stats-sort" onClick={() => toggle(column.key)} data-sort={column.key}>
                    {column.label}
                    <span aria-hidden="true" class="stats-sort-mark">
                      {sort().key === column.key ? (sort().descending ? '▼' : '▲') : ''}
                    </span>
                    <span class="visually-hidden">{sort().key === column.key ? (sort().descending ? t('table.sortedDescending') : t('table.sortedAscending')) : t('table.sortBy')}</span>
                  </button>
                  <Show when={column.hint}>
                    <span class="stats-th-hint">{column.hint}</span>
                  </Show>
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For
            each={sorted()}
            fallback={
              <tr>
                <td colSpan={props.columns.length} class="muted">
                  {props.empty}
                </td>
              </tr>
            }
          >
            {(row) => (
              <tr data-testid={props.rowTestId} data-id={props.rowKey(row)}>
                <For each={props.columns}>
                  {(column, index) =>
                    index() === 0 ? (
                      <th scope="row">{column.cell(row)}</th>
                    ) : (
                      <td classList={{ 'stats-num': column.numeric === true }} data-column={column.key}>
                        {column.cell(row)}
                      </td>
                    )
                  }
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
