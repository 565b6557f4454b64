import { type VariableDefinition, type VariableValue, type ValueFormat } from './variables.js';
import { type TimeRange } from './time.js';
/** How Grafana's SQL data sources write variable values. */
export declare const sqlFormat: ValueFormat;
export declare function expandSql(sql: string, range: TimeRange, definitions: readonly VariableDefinition[], values: Readonly<Record<string, VariableValue>>): string;
