// www/README.md, "Next.js (App Router)", with the stars next to the reviews.
'use client';
import '@stele/widget';
import type {} from '@stele/widget/react'; // JSX types for the three elements

export function ProductReviews({ id }: { id: string }) {
  return (
    <>
      <stele-stars product={id} src={process.env.NEXT_PUBLIC_STELE_URL} lang="en" />
      <stele-reviews product={id} src={process.env.NEXT_PUBLIC_STELE_URL} lang="en" />
    </>
  );
}
