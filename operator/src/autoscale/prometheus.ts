// A minimal Prometheus HTTP API client: one instant query, one number or "missing".
export type QueryOutcome = { ok: true; value: number | undefined } | { ok: false; unreachable: boolean; error: string };

export async function queryScalar(baseUrl: string, query: string, timeoutMs = 5000): Promise<QueryOutcome> {
  // Relative to the base, so that a Prometheus served under a path prefix works too.
  const url = new URL('api/v1/query', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  url.searchParams.set('query', query);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    if (!response.ok) return { ok: false, unreachable: false, error: `Prometheus answered HTTP ${response.status}` };
    const body = (await response.json()) as { status?: string; error?: string; data?: { resultType?: string; result?: { value?: [number, string] }[] } };
    if (body.status !== 'success') return { ok: false, unreachable: false, error: `query failed: ${body.error ?? 'unknown error'}` };
    const [first] = body.data?.result ?? [];
    if (!first?.value) return { ok: true, value: undefined };
    const value = Number(first.value[1]);
    return { ok: true, value: Number.isFinite(value) ? value : undefined };
  } catch (error) {
    return { ok: false, unreachable: true, error: `Prometheus at ${url.origin} is unreachable: ${error instanceof Error ? error.message : String(error)}` };
  }
}
