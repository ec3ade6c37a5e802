//! The components, one file or family folder each. All render the same markup in the
//! browser and on the server; only the browser fetches.

pub mod badge;
pub mod card;
pub mod landmark;
pub mod notice;
pub mod rating;
pub mod reviews;
pub mod root;
pub mod skeleton;
pub mod summary;
pub mod testimonials;

pub use badge::{Badge, BadgeState};
pub use card::ReviewCard;
pub use notice::ReviewNotice;
pub use rating::{StarRating, StarSize};
pub use reviews::Reviews;
pub use root::{Root, Surface};
pub use skeleton::{Skeleton, SkeletonKind};
pub use summary::RatingSummary;
pub use testimonials::{Layout, Testimonials};
