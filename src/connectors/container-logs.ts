/**
 * Kubernetes container logs, as the kubelet lays them out. Every pod of a rollout gets new names
 * (pod name, pod uid, container id), so a site is the namespace and the container, never the pod:
 *   /var/log/containers/<pod>_<namespace>_<container>-<container id>.log → *_<namespace>_<container>-*.log
 *   /var/log/pods/<namespace>_<pod>_<pod uid>/<container>/<restart>.log → <namespace>_*\/<container>/*.log*
 * Pod, namespace and container names are DNS labels (lowercase, digits, `-`, `.` in pod names),
 * so `_` separates the parts without ambiguity.
 */

/** The kubelet's symlink per container: the name ends with the 64-hex container id. */
const CONTAINER_LINK = /^[a-z0-9.-]+_([a-z0-9-]+)_([a-z0-9-]+)-[0-9a-f]{64}\.log$/;
/** A pod's folder: namespace, pod name and pod uid (a UUID, or a 32-hex hash for static pods). */
const POD_FOLDER =
  /^([a-z0-9-]+)_[a-z0-9.-]+_(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/;

/** Where a container log belongs: its site's folders and group, and its service. */
export interface ContainerLog {
  /** The folders of the path, with a pod's folder as `<namespace>_*`. */
  folders: string[];
  /** The file's group when the name itself names the pod; otherwise rotation grouping decides. */
  group?: string;
  /** The container's name: the service when no rule names one. */
  container: string;
}

/** The container log that a path's segments (the file name last, without `.gz`) name, if any. */
export function toContainerLog(segments: readonly string[]): ContainerLog | undefined {
  const folders = segments.slice(0, -1);
  const link = CONTAINER_LINK.exec(segments[segments.length - 1]!);
  if (link) return { folders, group: `*_${link[1]}_${link[2]}-*.log`, container: link[2]! };
  const pod = folders.length >= 2 ? POD_FOLDER.exec(folders[folders.length - 2]!) : null;
  if (pod)
    return {
      folders: [...folders.slice(0, -2), `${pod[1]}_*`, folders[folders.length - 1]!],
      container: folders[folders.length - 1]!,
    };
  return undefined;
}
