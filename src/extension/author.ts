// Who is annotating: the `sourceAnnotator.author` setting, else the git user name (through
// VS Code's git extension, so it also works remotely), else the operating system user.
import * as vscode from 'vscode';
import { Settings } from './constants';

interface GitRepository {
  getConfig(key: string): Promise<string>;
  getGlobalConfig(key: string): Promise<string>;
}
interface GitApi {
  repositories: GitRepository[];
}

let cachedGitName: string | undefined;

async function gitUserName(): Promise<string | undefined> {
  if (cachedGitName !== undefined) return cachedGitName || undefined;
  try {
    const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
    const api = extension && (extension.isActive ? extension.exports : await extension.activate()).getAPI(1);
    const repository = api?.repositories[0];
    const name = repository && ((await repository.getConfig('user.name').catch(() => '')) || (await repository.getGlobalConfig('user.name').catch(() => '')));
    cachedGitName = name?.trim() ?? '';
  } catch {
    cachedGitName = '';
  }
  return cachedGitName || undefined;
}

function osUserName(): string | undefined {
  // `process` exists in the Node extension host; in VS Code for the Web there is no OS user.
  const env = typeof process === 'object' ? process.env : {};
  return env['USER'] || env['USERNAME'] || env['LOGNAME'] || undefined;
}

export async function currentAuthor(): Promise<string> {
  const configured = vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.author, '').trim();
  if (configured) return configured;
  return (await gitUserName()) ?? osUserName() ?? 'anonymous';
}
