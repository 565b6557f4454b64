/** The "All" choice of a variable with includeAll. */
export declare const ALL: unique symbol;
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
export declare function replaceVariables(query: string, definitions: readonly VariableDefinition[], values: Readonly<Record<string, VariableValue>>, format: ValueFormat): string;
