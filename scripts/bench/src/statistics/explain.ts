// Why a query is slow, in a few lines: EXPLAIN (ANALYZE, BUFFERS) of the statement as it ran, and
// the plan nodes that took the time themselves (their own time, children's subtracted), with what
// they read and how they sorted.
import type { PgPool } from '@smartchat/platform';
import type { Statement } from './queries.js';

export interface PlanNode {
  node: string;
  /** Own time over all loops, ms (children's time subtracted). */
  selfMs: number;
  rows: number;
  loops: number;
  detail: string;
}

export interface ExplainSummary {
  executionMs?: number;
  planningMs?: number;
  /** JIT compilation (planning a long query may decide to compile its expressions). */
  jitMs?: number;
  /** Parallel workers launched, over all Gather nodes. */
  workers?: number;
  /** Blocks read from shared buffers / from the OS (the page cache or the disk). */
  sharedHitBlocks?: number;
  sharedReadBlocks?: number;
  /** Temporary files (a sort or hash that did not fit in work_mem), blocks written. */
  tempWrittenBlocks?: number;
  top?: PlanNode[];
  /** The statement, shortened, for the report. */
  sql?: string;
  error?: string;
}

interface RawNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Total Time'?: number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Sort Method'?: string;
  'Sort Space Type'?: string;
  'Sort Space Used'?: number;
  'Heap Fetches'?: number;
  'Workers Launched'?: number;
  'Strategy'?: string;
  'Group Key'?: string[];
  'Filter'?: string;
  'Index Cond'?: string;
  'Rows Removed by Filter'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  'Temp Written Blocks'?: number;
  Plans?: RawNode[];
}

const total = (node: RawNode) => (node['Actual Total Time'] ?? 0) * (node['Actual Loops'] ?? 1);

function describe(node: RawNode): string {
  const parts: string[] = [];
  if (node['Relation Name']) parts.push(`on ${node['Relation Name']}`);
  if (node['Index Name']) parts.push(`using ${node['Index Name']}`);
  if (node['Index Cond']) parts.push(`cond ${node['Index Cond'].slice(0, 120)}`);
  if (node['Filter']) parts.push(`filter ${node['Filter'].slice(0, 120)}`);
  if (node['Rows Removed by Filter']) parts.push(`${node['Rows Removed by Filter']} rows removed by filter`);
  if (node['Heap Fetches'] !== undefined) parts.push(`heap fetches ${node['Heap Fetches']}`);
  if (node['Sort Method']) parts.push(`sort ${node['Sort Method']} (${node['Sort Space Type']} ${node['Sort Space Used']} kB)`);
  if (node['Strategy']) parts.push(node['Strategy']);
  if (node['Group Key']) parts.push(`group by ${node['Group Key'].join(', ').slice(0, 120)}`);
  return parts.join('; ');
}

function collect(node: RawNode, into: PlanNode[]): void {
  const children = node.Plans ?? [];
  const selfMs = Math.max(0, total(node) - children.reduce((sum, child) => sum + total(child), 0));
  into.push({ node: node['Node Type'], selfMs: Math.round(selfMs * 10) / 10, rows: node['Actual Rows'] ?? 0, loops: node['Actual Loops'] ?? 1, detail: describe(node) });
  for (const child of children) collect(child, into);
}

function sum(node: RawNode, key: 'Workers Launched'): number {
  return (node[key] ?? 0) + (node.Plans ?? []).reduce((acc, child) => acc + sum(child, key), 0);
}

/** EXPLAIN ANALYZE of `statement` with its values, summarized (the three most expensive nodes by own time). */
export async function explainSummary(pool: PgPool, statement: Statement): Promise<ExplainSummary> {
  const { rows } = await pool.query<{ 'QUERY PLAN': [{ Plan: RawNode; 'Planning Time': number; 'Execution Time': number; JIT?: { Timing?: { Total?: number } } }] }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.text}`,
    statement.values,
  );
  const [plan] = rows[0]!['QUERY PLAN'];
  const nodes: PlanNode[] = [];
  collect(plan.Plan, nodes);
  return {
    executionMs: Math.round(plan['Execution Time'] * 10) / 10,
    planningMs: Math.round(plan['Planning Time'] * 10) / 10,
    ...(plan.JIT?.Timing?.Total !== undefined ? { jitMs: Math.round(plan.JIT.Timing.Total * 10) / 10 } : {}),
    workers: sum(plan.Plan, 'Workers Launched'),
    sharedHitBlocks: plan.Plan['Shared Hit Blocks'] ?? 0,
    sharedReadBlocks: plan.Plan['Shared Read Blocks'] ?? 0,
    tempWrittenBlocks: plan.Plan['Temp Written Blocks'] ?? 0,
    top: nodes.sort((a, b) => b.selfMs - a.selfMs).slice(0, 3),
    sql: statement.text.replace(/\s+/g, ' ').trim().slice(0, 400),
  };
}

/** One line: where the time went. */
export function describeExplain(summary: ExplainSummary): string {
  if (summary.error) return `EXPLAIN failed: ${summary.error}`;
  const nodes = (summary.top ?? []).map((node) => `${node.node} ${node.selfMs} ms (${node.rows} rows × ${node.loops}${node.detail ? `; ${node.detail}` : ''})`).join('; ');
  const extras = [
    summary.jitMs !== undefined ? `JIT ${summary.jitMs} ms` : null,
    summary.workers ? `${summary.workers} parallel workers` : null,
    summary.tempWrittenBlocks ? `${Math.round(((summary.tempWrittenBlocks ?? 0) * 8) / 1024)} MB spilled to temporary files` : null,
    `buffers: ${summary.sharedHitBlocks} hit, ${summary.sharedReadBlocks} read`,
  ].filter(Boolean);
  return `execution ${summary.executionMs} ms (planning ${summary.planningMs} ms; ${extras.join(', ')}); most time in: ${nodes}`;
}
