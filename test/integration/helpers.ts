// The integration suite's helpers are shared with the web suite: test/extensionHost/helpers.ts.
export * from '../extensionHost/helpers';
