// Slash-separated path arithmetic on the path part of URIs or POSIX paths. The core names
// files by URI strings (as the extension gets them from VS Code) and must not import Node's
// `path`, so it uses these few helpers instead.

export function basename(path: string): string {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** The parent folder, without a trailing slash. */
export function dirname(path: string): string {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  const slash = trimmed.lastIndexOf('/');
  return slash < 0 ? '' : trimmed.slice(0, slash);
}

export function joinPath(folder: string, name: string): string {
  return folder.endsWith('/') ? folder + name : `${folder}/${name}`;
}

/** `folder` itself, then each parent up to and including `root` (also a folder path). */
export function foldersUpTo(folder: string, root: string): string[] {
  const chain: string[] = [];
  let current = folder;
  const stop = root.endsWith('/') ? root.slice(0, -1) : root;
  for (;;) {
    chain.push(current);
    if (current === stop || current.length <= stop.length) break;
    const parent = dirname(current);
    if (parent === current || parent.length < stop.length) break;
    current = parent;
  }
  return chain;
}
