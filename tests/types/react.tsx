// React 19 JSX: every element and attribute, the event props, a ref listener. Checked by
// scripts/check-types (jsx: react-jsx, so JSX is @types/react's React.JSX).
import type {} from '@stele/widget/react';
import type { SteleReactProps } from '@stele/widget/react';
import type { SteleFilterDetail, SteleReadyDetail } from '@stele/widget';

const onReady = (event: CustomEvent<SteleReadyDetail>) => void event.detail.product;
const onFilter = (event: CustomEvent<SteleFilterDetail>) => void event.detail.stars;

export const Product = ({ id }: { id: string }) => (
  <>
    <stele-reviews
      product={id}
      src="/stele/"
      lang="ro"
      theme="dark"
      loading="eager"
      per-page={20}
      sort="highest"
      text-verified-buyer="Client verificat"
      text-review-count="{n} opinie|{n} opinii|{n} de opinii|{n} de opinii"
      text-rated-out-of-5="{rating}/5"
      className="reviews"
      id="reviews"
      ref={(element: HTMLElement | null) => {
        element?.addEventListener('stele:sort', (event) => void event.detail.sort);
      }}
      {...{
        'onstele:ready': onReady,
        'onstele:filter': onFilter,
        'onstele:sort': (event: CustomEvent<{ sort: string }>) => void event.detail.sort,
        'onstele:more': (event) => void event.detail.page,
      }}
    >
      {/* the server-rendered fragment may go here */}
    </stele-reviews>
    <stele-stars product={2183} src="/stele/" lang="en" theme="auto" loading="lazy" text-no-rating="—" {...{ 'onstele:ready': onReady }} />
    <stele-testimonials src="/stele/" layout="grid" autoplay="5" per-page="4" theme="light" text-testimonials-title="Ce spun clienții" />
    <stele-reviews product="1" unsafe-direct rest-key="k" customer-id="c" upstream="http://localhost:8787/" />
    <stele-reviews product="1" unsafe-direct="" />
    {/* TypeScript's and esbuild's JSX take the name with its colon (Babel's does not) */}
    <stele-testimonials src="/stele/" onstele:ready={(event) => void event.detail.kind} onstele:more={(event) => void event.detail.page} />
  </>
);

// Every attribute of each element, by its props type.
const reviews: Required<Pick<SteleReactProps<'stele-reviews'>, 'product' | 'src' | 'lang' | 'theme' | 'loading' | 'per-page' | 'sort' | 'unsafe-direct' | 'rest-key' | 'customer-id' | 'upstream' | 'onstele:ready' | 'onstele:filter' | 'onstele:sort' | 'onstele:more'>> = {
  product: '1', src: '/', lang: 'pl', theme: 'auto', loading: 'lazy', 'per-page': 1, sort: 'newest',
  'unsafe-direct': true, 'rest-key': 'k', 'customer-id': 'c', upstream: '/',
  'onstele:ready': (event) => void event.detail.kind,
  'onstele:filter': (event) => void event.detail.withComment,
  'onstele:sort': (event) => void event.detail.sort,
  'onstele:more': (event) => void event.detail.page,
};
const testimonials: Required<Pick<SteleReactProps<'stele-testimonials'>, 'layout' | 'autoplay' | 'per-page' | 'onstele:ready' | 'onstele:more'>> = {
  layout: 'carousel', autoplay: 0, 'per-page': '10',
  'onstele:ready': (event) => void event.detail.kind,
  'onstele:more': (event) => void event.detail.page,
};
void [reviews, testimonials];

// ---- What the types reject. Each line below must be an error, or the check fails.
export const Wrong = () => (
  <>
    {/* @ts-expect-error theme is light, dark or auto */}
    <stele-reviews product="1" theme="blue" />
    {/* @ts-expect-error sort is newest, oldest, highest or lowest */}
    <stele-reviews product="1" sort="best" />
    {/* @ts-expect-error per-page is a number or its text */}
    <stele-reviews product="1" per-page="ten" />
    {/* @ts-expect-error a misspelled attribute */}
    <stele-stars prodcut="1" />
    {/* @ts-expect-error layout is for testimonials */}
    <stele-stars product="1" layout="grid" />
    {/* @ts-expect-error sort is for reviews */}
    <stele-testimonials sort="newest" />
    {/* @ts-expect-error loading is lazy or eager */}
    <stele-testimonials loading="never" />
    {/* @ts-expect-error product is text or a number */}
    <stele-stars product={{ id: 1 }} />
    {/* @ts-expect-error ready's detail has no page */}
    <stele-stars {...{ 'onstele:ready': (event: CustomEvent<{ page: number }>) => void event.detail.page }} />
    {/* @ts-expect-error testimonials dispatch no stele:sort */}
    <stele-testimonials onstele:sort={() => {}} />
    {/* @ts-expect-error not an element of Stele */}
    <stele-badge product="1" />
  </>
);
// @ts-expect-error badges only announce stele:ready
const starsMore: SteleReactProps<'stele-stars'> = { 'onstele:more': () => {} };
// @ts-expect-error the filter detail has no page
const filterPage: SteleReactProps<'stele-reviews'> = { 'onstele:filter': (event) => void event.detail.page };
void [starsMore, filterPage];
