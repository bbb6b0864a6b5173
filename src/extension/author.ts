// Who is annotating: the `sourceAnnotator.author` setting, else the git user name (through
// VS Code's git extension, so it also works remotely), else the operating system user, else
// 'anonymous'. In VS Code for the Web there is neither a git extension (github.dev has none)
// nor an OS user: the person is told once to set the author.
import * as vscode from 'vscode';
import { configuration, settingId } from './configuration';

interface GitRepository {
  getConfig(key: string): Promise<string>;
  getGlobalConfig(key: string): Promise<string>;
}
interface GitApi {
  repositories: GitRepository[];
}

let cachedGitName: string | undefined;
/** The git extension may run in another extension host (web worker vs. server): never wait long. */
const GIT_TIMEOUT_MS = 5000;

async function askGit(): Promise<string> {
  const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
  // Missing in VS Code for the Web; its exports are undefined when it runs in another host.
  const api = extension && (extension.isActive ? extension.exports : await extension.activate())?.getAPI(1);
  const repository = api?.repositories[0];
  const name = repository && ((await repository.getConfig('user.name').catch(() => '')) || (await repository.getGlobalConfig('user.name').catch(() => '')));
  return name?.trim() ?? '';
}

async function gitUserName(): Promise<string | undefined> {
  if (cachedGitName !== undefined) return cachedGitName || undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    cachedGitName = await Promise.race([askGit(), new Promise<string>((resolve) => { timer = setTimeout(() => resolve(''), GIT_TIMEOUT_MS); })]);
  } catch {
    cachedGitName = '';
  } finally {
    clearTimeout(timer);
  }
  return cachedGitName || undefined;
}

function osUserName(): string | undefined {
  // `process` exists in the Node extension host; in the web worker of VS Code for the Web it does
  // not (and the browser bundle defines none), so there is no OS user there.
  const env = typeof process === 'object' && process?.env ? process.env : {};
  return env['USER'] || env['USERNAME'] || env['LOGNAME'] || undefined;
}

export const ANONYMOUS_AUTHOR = 'anonymous';
let toldAnonymous = false;

export async function currentAuthor(): Promise<string> {
  const configured = configuration.get('author').trim();
  if (configured) return configured;
  const found = (await gitUserName()) ?? osUserName();
  if (found) return found;
  if (!toldAnonymous) {
    toldAnonymous = true;
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Source Annotator found no git user name and no system user here, so new annotations are recorded as “{0}”. Set Source Annotator › Author to record your name.', ANONYMOUS_AUTHOR),
      vscode.l10n.t('Set Author'),
    ).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', settingId('author'));
    });
  }
  return ANONYMOUS_AUTHOR;
}
