// Whether an article may be annotated given where its file really is. Re-anchoring writes 32
// code points of context around every annotation into the sidecar, which is committed with
// the corpus: an article that is a link to a file outside the workspace folder would copy
// that file's content into the repository, so such articles are left alone.

/** What the host found out about an article's file. */
export interface ArticleLocation {
  /** The path as found in the workspace folder (slash-separated). */
  readonly path: string;
  /** The workspace folder's path. */
  readonly folder: string;
  /** The file's real path with every link resolved, when the host can resolve links. */
  readonly realPath?: string;
  /** The folder's real path, likewise. */
  readonly realFolder?: string;
  /** True when the host saw a link on the way (file system stat), whether or not it could resolve it. */
  readonly isLink?: boolean;
}

/** Whether `path` is `folder` itself or lies below it (plain slash-separated paths). */
export function isInsideFolder(path: string, folder: string): boolean {
  const root = folder.endsWith('/') ? folder.slice(0, -1) : folder;
  return path === root || path.startsWith(`${root}/`);
}

/**
 * Why the article must not be annotated, or undefined when it may. With resolved paths the
 * answer is exact; a link the host cannot resolve is refused (it might lead anywhere).
 */
export function outsideWorkspaceReason(location: ArticleLocation): string | undefined {
  if (location.realPath !== undefined && location.realFolder !== undefined) {
    return isInsideFolder(location.realPath, location.realFolder)
      ? undefined
      : `it is a link to ${location.realPath}, outside the workspace folder`;
  }
  if (location.isLink) return 'it is a link that may lead outside the workspace folder';
  return undefined;
}
