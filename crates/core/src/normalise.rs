//! Raw upstream orders → validated records, counting every problem as a warning.

use crate::records::{OrderFeedback, OrderRef, ProductReview};
use crate::score::Score;
use crate::time::Timestamp;
use crate::upstream::{
    Entry, Id, Lenient, List, RawFeed, RawOrder, RawProductReview, RawScore, Text,
};
use crate::warnings::{WarningKind, Warnings};
use crate::zone::LocalZone;

/// The records of one response, in the order received.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Batch {
    /// Shop-level feedback, one per kept order.
    pub orders: Vec<OrderFeedback>,
    /// Kept product reviews.
    pub product_reviews: Vec<ProductReview>,
    /// What had to be dropped or blanked.
    pub warnings: Warnings,
    /// Each comment cut at [`crate::text::MAX_COMMENT_CHARS`]: whose, and how long it was.
    pub cut_comments: Vec<CutComment>,
}

/// A comment that arrived longer than [`crate::text::MAX_COMMENT_CHARS`] and was cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CutComment {
    /// The order it belongs to.
    pub order: OrderRef,
    /// The product, for a product review; `None` for the order's own feedback.
    pub product_id: Option<String>,
    /// Its length as it arrived, in characters.
    pub chars: usize,
}

/// Validates a parsed response, reading its dates as wall-clock times in `zone`.
pub fn normalise(feed: &RawFeed<'_>, zone: LocalZone) -> Batch {
    let mut batch = Batch::default();
    let mut reader = Reader {
        zone,
        warnings: &mut batch.warnings,
        cut: &mut batch.cut_comments,
    };
    for entry in &feed.orders {
        let Entry::Object(raw) = entry else {
            reader.warn(WarningKind::OrderNotAnObject);
            continue;
        };
        let Some(order) = reader.order_ref(raw) else {
            reader.warn(WarningKind::OrderWithoutNumber);
            continue;
        };
        for review in reader.reviews(&raw.product_reviews) {
            if let Some(review) = reader.product_review(&order, review) {
                batch.product_reviews.push(review);
            }
        }
        batch.orders.push(OrderFeedback {
            order_date: match &raw.order {
                Entry::Object(order_ref) => reader.date(&order_ref.date),
                _ => None,
            },
            score: reader.score(&raw.score),
            comment: reader.comment(&raw.comment, &order, None),
            added_on: reader.date(&raw.added_on),
            order,
        });
    }
    batch
}

struct Reader<'w> {
    zone: LocalZone,
    warnings: &'w mut Warnings,
    cut: &'w mut Vec<CutComment>,
}

impl Reader<'_> {
    fn warn(&mut self, kind: WarningKind) {
        self.warnings.add(kind);
    }

    fn order_ref(&self, raw: &RawOrder<'_>) -> Option<OrderRef> {
        match &raw.order {
            Entry::Object(order) => identifier(&order.orderno).map(OrderRef::new),
            _ => None,
        }
    }

    fn reviews<'r, 'a>(
        &mut self,
        list: &'r List<RawProductReview<'a>>,
    ) -> &'r [Entry<RawProductReview<'a>>] {
        match list {
            List::Items(items) => items,
            List::Missing => &[],
            List::NotAList => {
                self.warn(WarningKind::ReviewsNotAList);
                &[]
            }
        }
    }

    fn product_review(
        &mut self,
        order: &OrderRef,
        entry: &Entry<RawProductReview<'_>>,
    ) -> Option<ProductReview> {
        let Entry::Object(raw) = entry else {
            self.warn(WarningKind::ReviewNotAnObject);
            return None;
        };
        let Some(product_id) = identifier(&raw.realid) else {
            self.warn(WarningKind::ReviewWithoutProductId);
            return None;
        };
        let score = self.score(&raw.score);
        let comment = self.comment(&raw.comment, order, Some(&product_id));
        if score.is_none() && comment.is_none() {
            self.warn(WarningKind::ReviewWithoutContent);
            return None;
        }
        Some(ProductReview {
            order: order.clone(),
            product_id,
            score,
            comment,
            added_on: self.date(&raw.added_on),
        })
    }

    fn score(&mut self, raw: &Lenient<RawScore>) -> Option<Score> {
        match raw {
            Lenient::Missing => None,
            Lenient::Value(RawScore(value)) => {
                let score = Score::new(*value);
                if score.is_none() {
                    self.warn(WarningKind::InvalidScore);
                }
                score
            }
            Lenient::Invalid => {
                self.warn(WarningKind::InvalidScore);
                None
            }
        }
    }

    fn comment(
        &mut self,
        raw: &Lenient<Text<'_>>,
        order: &OrderRef,
        product_id: Option<&str>,
    ) -> Option<String> {
        match raw {
            Lenient::Missing => None,
            Lenient::Value(Text(text)) => {
                let text = text.trim();
                if text.is_empty() {
                    return None;
                }
                // Control characters (but line breaks and tabs) are no text a shopper
                // wrote: NULs and escapes from a broken form or a hostile client.
                let cleaned: String;
                let text = if text
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\t')
                {
                    cleaned = text
                        .chars()
                        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
                        .collect();
                    cleaned.trim()
                } else {
                    text
                };
                if text.is_empty() {
                    return None;
                }
                let (kept, chars) = crate::text::cap_comment(text);
                if let Some(chars) = chars {
                    self.warn(WarningKind::CommentTooLong);
                    self.cut.push(CutComment {
                        order: order.clone(),
                        product_id: product_id.map(str::to_owned),
                        chars,
                    });
                }
                Some(kept)
            }
            Lenient::Invalid => {
                self.warn(WarningKind::InvalidComment);
                None
            }
        }
    }

    fn date(&mut self, raw: &Lenient<Text<'_>>) -> Option<Timestamp> {
        let text = match raw {
            Lenient::Missing => return None,
            Lenient::Value(Text(text)) => text.trim(),
            Lenient::Invalid => {
                self.warn(WarningKind::InvalidDate);
                return None;
            }
        };
        let instant = self.zone.to_utc(text);
        if instant.is_none() {
            self.warn(WarningKind::InvalidDate);
        }
        instant
    }
}

/// A trimmed, non-empty identifier.
fn identifier(raw: &Lenient<Id<'_>>) -> Option<String> {
    match raw {
        Lenient::Value(Id(id)) => Some(id.trim())
            .filter(|id| !id.is_empty())
            .map(str::to_owned),
        _ => None,
    }
}

/// Parses and normalises one response body: the whole path from bytes to records. Lone
/// surrogate escapes are read as U+FFFD and counted ([`WarningKind::LoneSurrogate`]).
pub fn read_feed(body: &[u8], zone: LocalZone) -> Result<Batch, crate::upstream::FeedError> {
    let (body, lone) = crate::upstream::repair_lone_surrogates(body);
    let mut batch = crate::upstream::parse_feed(&body).map(|feed| normalise(&feed, zone))?;
    for _ in 0..lone {
        batch.warnings.add(WarningKind::LoneSurrogate);
    }
    Ok(batch)
}
