// The Trunk demo builds the widget itself: hand Trunk's bindings to the loader.
import { useBindings } from './stele.js';

if (window.wasmBindings) useBindings(window.wasmBindings);
else addEventListener('TrunkApplicationStarted', () => useBindings(window.wasmBindings), { once: true });
