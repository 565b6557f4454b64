// Template variables as Grafana's template service replaces them in a query before the data
// source sees it, for the two syntaxes the Smartchat dashboards use: `$name` and `${name}`. (Not
// implemented, and refused: `[[name]]`, `${name:format}` and `${name.field}`.) How a value is
// written depends on the data source (sqlFormat, promqlFormat below) and on the variable:
//
//   - the value of a variable that is neither multi-value nor has "All": the data source's plain
//     form (SQL: as it is; PromQL: with \ and ' escaped);
//   - "All": the variable's custom all value (allValue), unformatted, as Grafana writes it. Every
//     variable with "All" here has one, so that "All" means "no filter" rather than "the options
//     loaded when the dashboard opened"; one without is refused;
//   - otherwise the data source's formatting of one value of a list, or of the list.
//
// Names starting with `__` are Grafana's own (`$__timeFrom()`, `$__rate_interval`): they are left
// for the caller. A name that is not a variable of the dashboard is an error here (Grafana would
// leave it in the query, which then fails in the database, far from the cause).
/** The "All" choice of a variable with includeAll. */
export const ALL = Symbol('All');
export type VariableValue = string | readonly string[] | typeof ALL;

/** How one data source writes a value or a list of values into its query language. */
export interface ValueFormat {
  /** The value of a variable without multi-value or "All". */
  plain(value: string): string;
  /** One value of a multi-value or "All" variable. */
  single(value: string): string;
  list(values: readonly string[]): string;
}

/** The parts of a dashboard variable (templating.list[]) that decide how its value is written. */
export interface VariableDefinition {
  name: string;
  type?: string;
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string;
}

const REFERENCE = /\[\[|\$\{([^}]*)\}|\$(\w+)/g;

export function replaceVariables(query: string, definitions: readonly VariableDefinition[], values: Readonly<Record<string, VariableValue>>, format: ValueFormat): string {
  return query.replace(REFERENCE, (match, braced: string | undefined, bare: string | undefined) => {
    if (match === '[[') throw new Error('the [[name]] variable syntax is not supported here (and deprecated in Grafana)');
    const name = braced ?? bare ?? '';
    if (braced !== undefined && !/^\w+$/.test(braced)) throw new Error(`\${${braced}}: formats and fields are not supported here`);
    if (name.startsWith('__')) return match;
    const definition = definitions.find((item) => item.name === name);
    if (!definition) throw new Error(`$${name} is not a variable of this dashboard`);
    if (!(name in values)) throw new Error(`no value given for $${name}`);
    return formatValue(definition, values[name]!, format);
  });
}

function formatValue(definition: VariableDefinition, value: VariableValue, format: ValueFormat): string {
  if (value === ALL) {
    if (!definition.includeAll) throw new Error(`$${definition.name} has no "All" option`);
    if (!definition.allValue) throw new Error(`$${definition.name} has "All" without a custom all value`);
    return definition.allValue;
  }
  if (typeof value === 'string') return definition.multi || definition.includeAll ? format.single(value) : format.plain(value);
  if (!definition.multi) throw new Error(`$${definition.name} is not multi-value`);
  return format.list(value);
}
