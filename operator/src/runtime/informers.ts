// Informers (list + watch + cache) that restart with backoff after a watch error: the client
// library restarts a watch by itself only on 410 Gone. Every add/update/delete calls onEvent.
import { makeInformer, type Informer, type KubeConfig, type KubernetesListObject, type KubernetesObject, type ObjectCache } from '@kubernetes/client-node';
import { backoffDelay, type Logger } from '@smartchat/platform';

export interface WatchedKind<T extends KubernetesObject> {
  name: string;
  path: string;
  list: () => Promise<KubernetesListObject<T>>;
  labelSelector?: string;
}

export interface RestartingInformer<T extends KubernetesObject> {
  cache: ObjectCache<T>;
  /** Resolves once the first list has been loaded into the cache. */
  synced: Promise<void>;
  stop(): Promise<void>;
}

export function startInformer<T extends KubernetesObject>(
  config: KubeConfig,
  kind: WatchedKind<T>,
  handlers: { onEvent: (object: T, verb: 'add' | 'update' | 'delete') => void; onError: (error: unknown, retryInMs: number) => void },
  logger: Logger,
): RestartingInformer<T> {
  const informer: Informer<T> & ObjectCache<T> = makeInformer(config, kind.path, kind.list, kind.labelSelector);
  let stopped = false;
  let failures = 0;
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
    if (stopped) return;
    const delay = backoffDelay(failures, 500, 30_000);
    failures += 1;
    handlers.onError(error, delay);
    retry = setTimeout(() => void begin(), delay);
  });

  const begin = async () => {
    if (stopped) return;
    try {
      await informer.start();
      markSynced();
    } catch (error) {
      if (stopped) return;
      const delay = backoffDelay(failures, 500, 30_000);
      failures += 1;
      handlers.onError(error, delay);
      retry = setTimeout(() => void begin(), delay);
    }
  };
  void begin();
  logger.debug({ informer: kind.name, path: kind.path }, 'informer started');

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
