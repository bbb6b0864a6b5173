// The files of the corpus format: reading (yaml, and a fast reader for our own layout), checking and lossless writing of sidecars and registries, the cache format, file nesting.
// The folder's public surface: code outside src/core/format/ imports from here.
export * from './fastRegistryReader';
export * from './fastScalars';
export * from './fastSidecarReader';
export * from './fileNesting';
export * from './registry';
export * from './registrySplice';
export * from './registryWriter';
export * from './sidecar';
export * from './sidecarCacheFormat';
export * from './sidecarSplice';
export * from './sidecarWriter';
export * from './yamlReader';
export * from './sidecarLocations';
