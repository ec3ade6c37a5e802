// The loader build that esbuild's --define names (scripts/build-widget); undefined unbuilt.
declare const STELE_ENTRY: 'script' | 'bundler' | 'direct' | undefined;
