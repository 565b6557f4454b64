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
const REFERENCE = /\[\[|\$\{([^}]*)\}|\$(\w+)/g;
export function replaceVariables(query, definitions, values, format) {
    return query.replace(REFERENCE, (match, braced, bare) => {
        if (match === '[[')
            throw new Error('the [[name]] variable syntax is not supported here (and deprecated in Grafana)');
        const name = braced ?? bare ?? '';
        if (braced !== undefined && !/^\w+$/.test(braced))
            throw new Error(`\${${braced}}: formats and fields are not supported here`);
        if (name.startsWith('__'))
            return match;
        const definition = definitions.find((item) => item.name === name);
        if (!definition)
            throw new Error(`$${name} is not a variable of this dashboard`);
        if (!(name in values))
            throw new Error(`no value given for $${name}`);
        return formatValue(definition, values[name], format);
    });
}
function formatValue(definition, value, format) {
    if (value === ALL) {
        if (!definition.includeAll)
            throw new Error(`$${definition.name} has no "All" option`);
        if (!definition.allValue)
            throw new Error(`$${definition.name} has "All" without a custom all value`);
        return definition.allValue;
    }
    if (typeof value === 'string')
        return definition.multi || definition.includeAll ? format.single(value) : format.plain(value);
    if (!definition.multi)
        throw new Error(`$${definition.name} is not multi-value`);
    return format.list(value);
}
//# sourceMappingURL=variables.js.map