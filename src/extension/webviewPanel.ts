// The webview pages of this extension (Compare Sources, the agreement report): no command
// links, no local resources, and one message they may send, to show an annotation or fact in
// its article (checked before it is acted on: the page shows corpus text).
import * as vscode from 'vscode';
import type { ItemRef } from './commandArgs';
import { Commands } from './constants';

export function createRevealingPanel(viewType: string, title: string, column: vscode.ViewColumn): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(viewType, title, column, {
    enableScripts: true, enableCommandUris: false, localResourceRoots: [],
  });
  panel.webview.onDidReceiveMessage((message: { reveal?: { uri: string; id: string } }) => {
    if (message.reveal && typeof message.reveal.uri === 'string' && typeof message.reveal.id === 'string') {
      void vscode.commands.executeCommand(Commands.revealAnnotation, { articleUri: message.reveal.uri, itemId: message.reveal.id } satisfies ItemRef);
    }
  });
  return panel;
}
