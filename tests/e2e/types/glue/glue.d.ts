// A widget module's wasm-bindgen glue, as the loader (www/src/stele.js) uses it: `default`
// fetches and instantiates the wasm, `mount` is src/browser/mount/mod.rs's.
export default function init(): Promise<unknown>;
export function mount(host: HTMLElement, kind: string, options: object): { unmount(): void; free(): void };
