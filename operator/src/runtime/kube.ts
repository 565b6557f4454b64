// The Kubernetes clients the operator uses, built from one KubeConfig (KUBECONFIG when set, the
// in-cluster service account otherwise), and the error helpers every caller needs.
import { ApiException, AppsV1Api, BatchV1Api, CoordinationV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, KubernetesObjectApi, PatchStrategy, PolicyV1Api, setHeaderOptions } from '@kubernetes/client-node';

export interface KubeClients {
  config: KubeConfig;
  objects: KubernetesObjectApi;
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  policy: PolicyV1Api;
  custom: CustomObjectsApi;
  coordination: CoordinationV1Api;
}

export function loadKubeConfig(kubeconfigPath?: string): KubeConfig {
  const config = new KubeConfig();
  if (kubeconfigPath) config.loadFromFile(kubeconfigPath);
  else config.loadFromDefault();
  return config;
}

export function kubeClients(config: KubeConfig): KubeClients {
  return {
    config,
    objects: KubernetesObjectApi.makeApiClient(config),
    core: config.makeApiClient(CoreV1Api),
    apps: config.makeApiClient(AppsV1Api),
    batch: config.makeApiClient(BatchV1Api),
    policy: config.makeApiClient(PolicyV1Api),
    custom: config.makeApiClient(CustomObjectsApi),
    coordination: config.makeApiClient(CoordinationV1Api),
  };
}

export function statusCode(error: unknown): number | undefined {
  if (error instanceof ApiException) return error.code;
  const code = (error as { code?: unknown; statusCode?: unknown } | null)?.code ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}
export const isNotFound = (error: unknown) => statusCode(error) === 404;
export const isConflict = (error: unknown) => statusCode(error) === 409;

/** The API server's message for a failed request (the Status object's message when there is one). */
export function apiMessage(error: unknown): string {
  if (error instanceof ApiException) {
    const body = typeof error.body === 'string' ? safeParse(error.body) : error.body;
    const message = (body as { message?: unknown } | undefined)?.message;
    return typeof message === 'string' ? message : `HTTP ${error.code}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

/** Request options that send a JSON merge patch (the generated clients default to JSON patch). */
export const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
export const jsonPatch = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);
