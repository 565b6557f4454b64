// Informers (list + watch + cache) that restart with backoff after a watch error: the client
// library restarts a watch by itself only on 410 Gone. Every add/update/delete calls onEvent with
// its verb. A kind may be watched for its metadata only (the API server sends PartialObjectMetadata:
// name, labels, resourceVersion, no data), which is how every Secret of a namespace is watched
// without keeping their values in the operator's memory.
import { makeInformer, setHeaderOptions, type Informer, type KubeConfig, type KubernetesListObject, type KubernetesObject, type ObjectCache } from '@kubernetes/client-node';
import { backoffDelay } from '@smartchat/platform/backoff';
import type { Logger } from '@smartchat/platform/logger';

export interface WatchedKind<T extends KubernetesObject> {
  name: string;
  path: string;
  list: () => Promise<KubernetesListObject<T>>;
  labelSelector?: string;
  /** Watch metadata only; `list` must ask for it too (with `metadataListOptions`). */
  metadataOnly?: boolean;
}

export type InformerVerb = 'add' | 'update' | 'delete';

export interface RestartingInformer<T extends KubernetesObject> {
  cache: ObjectCache<T>;
  /** Resolves once the first list has been loaded into the cache. */
  synced: Promise<void>;
  stop(): Promise<void>;
}

/** Request options for a list call that returns PartialObjectMetadataList instead of full objects. */
export const metadataListOptions = setHeaderOptions('Accept', 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1');

/** The same KubeConfig, but its requests (the watch's) ask for PartialObjectMetadata. */
function metadataOnlyConfig(config: KubeConfig): KubeConfig {
  const wrapped = Object.create(config) as KubeConfig;
  wrapped.applyToFetchOptions = async (options) => {
    const init = await config.applyToFetchOptions(options);
    (init.headers as unknown as Headers).set('Accept', 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1');
    return init;
  };
  return wrapped;
}

export function startInformer<T extends KubernetesObject>(
  config: KubeConfig,
  kind: WatchedKind<T>,
  handlers: { onEvent: (object: T, verb: InformerVerb) => void; onError: (error: unknown, retryInMs: number) => void },
  logger: Logger,
): RestartingInformer<T> {
  const informer: Informer<T> & ObjectCache<T> = makeInformer(kind.metadataOnly ? metadataOnlyConfig(config) : config, kind.path, kind.list, kind.labelSelector);
  let stopped = false;
  let failures = 0;
  /** The list inside start() reports its failure as an 'error' event, not by throwing. */
  let failedThisAttempt = false;
  let retry: NodeJS.Timeout | undefined;
  let markSynced: () => void = () => undefined;
  const synced = new Promise<void>((resolve) => (markSynced = resolve));

  informer.on('add', (object) => handlers.onEvent(object, 'add'));
  informer.on('update', (object) => handlers.onEvent(object, 'update'));
  informer.on('delete', (object) => handlers.onEvent(object, 'delete'));
  informer.on('connect', () => {
    failures = 0;
  });
  informer.on('error', (error) => {
    failedThisAttempt = true;
    if (stopped) return;
    const delay = backoffDelay(failures, 500, 30_000);
    failures += 1;
    handlers.onError(error, delay);
    retry = setTimeout(() => void begin(), delay);
  });

  const begin = async () => {
    if (stopped) return;
    failedThisAttempt = false;
    try {
      await informer.start();
      if (!failedThisAttempt) markSynced();
    } catch (error) {
      if (stopped) return;
      const delay = backoffDelay(failures, 500, 30_000);
      failures += 1;
      handlers.onError(error, delay);
      retry = setTimeout(() => void begin(), delay);
    }
  };
  void begin();
  logger.debug({ informer: kind.name, path: kind.path, metadataOnly: kind.metadataOnly ?? false }, 'informer started');

  return {
    cache: informer,
    synced,
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await informer.stop();
    },
  };
}
