// `import '@stele/widget/stele.css'`: the stylesheet the Leptos components need (they render
// inline, without a shadow root). A side-effect import exports nothing; this file only lets
// TypeScript resolve it (TypeScript 7 checks side-effect imports: noUncheckedSideEffectImports).

/** The stylesheet exports nothing: import it for its side effect. */
export {};
