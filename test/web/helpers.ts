// The web suite's helpers are shared with the Node integration suite: test/extensionHost/helpers.ts.
export * from '../extensionHost/helpers';
