// Git configuration edits for the sidecar merge driver.
// The folder's public surface: code outside src/core/git/ imports from here.
export * from './mergeDriver';
