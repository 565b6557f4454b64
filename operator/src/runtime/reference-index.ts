// Which clusters read which objects, as an index in both directions: set from the SmartchatCluster
// informer's add and update events (the references of the spec as it is now), dropped on its delete
// events, and asked by the informers of the referenced kinds, so that an event on a Secret names
// the clusters to reconcile without a scan of every cluster.
export interface IndexedReference {
  kind: string;
  name: string;
}

const objectKey = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`;

export class ReferenceIndex {
  private readonly clustersByObject = new Map<string, Set<string>>();
  private readonly objectsByCluster = new Map<string, string[]>();

  /** Replaces what `clusterKey` (namespace/name) references; references are in the cluster's namespace. */
  set(clusterKey: string, namespace: string, references: readonly IndexedReference[]): void {
    this.remove(clusterKey);
    const keys = [...new Set(references.map((reference) => objectKey(reference.kind, namespace, reference.name)))];
    for (const key of keys) {
      const clusters = this.clustersByObject.get(key) ?? new Set<string>();
      clusters.add(clusterKey);
      this.clustersByObject.set(key, clusters);
    }
    this.objectsByCluster.set(clusterKey, keys);
  }

  remove(clusterKey: string): void {
    for (const key of this.objectsByCluster.get(clusterKey) ?? []) {
      const clusters = this.clustersByObject.get(key);
      clusters?.delete(clusterKey);
      if (clusters?.size === 0) this.clustersByObject.delete(key);
    }
    this.objectsByCluster.delete(clusterKey);
  }

  /** The keys of the clusters that reference this object. */
  clustersReferencing(kind: string, namespace: string, name: string): string[] {
    return [...(this.clustersByObject.get(objectKey(kind, namespace, name)) ?? [])];
  }

  /** Objects referenced by at least one cluster (for tests and the debug log). */
  get size(): number {
    return this.clustersByObject.size;
  }
}
