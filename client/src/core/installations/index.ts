// Public surface of the installations room: several FLINK_HOMEs, their versions, and the check
// that a target cluster runs the version a job names.
export * from './flinkVersion';
export * from './installationVersion';
export * from './installationSources';
export * from './installationRegistry';
export * from './clusterVersionCheck';
export { readZipEntry, parseManifest } from './zipEntryReader';
