import { defineElements, mount } from '@stele/widget';

// A bundled app must say where the relay is: ?relay=http://127.0.0.1:18801/
const relay = new URLSearchParams(location.search).get('relay');
for (const element of document.querySelectorAll('stele-stars, stele-reviews')) element.setAttribute('src', relay);
defineElements();
window.steleFixture = { mount };
