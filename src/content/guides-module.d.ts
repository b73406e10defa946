// The build-time parsed guides (src/build/guides-module.ts).
declare module 'virtual:shuohe-guides' {
  export const guides: readonly import('./types.ts').Guide[];
}
