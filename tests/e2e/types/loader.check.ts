// www/index.d.ts is what www/src/stele.js exports: every declared export is there with its
// declared type, and the loader exports nothing the declaration lacks.
import * as loader from '../../../www/src/stele.js';
import type * as declared from '../../../www/index.js';

export const declaredByLoader: typeof declared = loader;
export const loaderByDeclaration: typeof loader = {} as typeof declared;
