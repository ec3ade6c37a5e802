import { ProductReviews } from './reviews';

export default function Page() {
  return (
    <main>
      <h1>Next.js fixture</h1>
      <ProductReviews id="2183" />
    </main>
  );
}
