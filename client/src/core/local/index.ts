// The local Flink room: install a real distribution per version and run it on 127.0.0.1.
export * from './flinkReleases';
export * from './flinkInstaller';
export * from './localCluster';
export * from './localPaths';
