// Simulates SPA navigation: elements arrive after the loader, change, and leave.
window.addProduct = (id) => {
  const element = document.createElement('stele-reviews');
  element.setAttribute('product', id);
  element.setAttribute('loading', 'eager');
  document.getElementById('app').append(element);
  return element;
};
