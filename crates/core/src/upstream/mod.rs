//! The Feedback API's responses as received: borrowed, lenient, and never silent.
//!
//! [`parse_feed`] only checks the envelope; field-level problems are kept as
//! [`Lenient::Invalid`] / [`Entry::NotAnObject`] for [`crate::normalise`] to count.

mod error;
mod lenient;

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

pub use error::UpstreamError;
pub use lenient::{Accept, Entry, Id, Lenient, List, RawScore, Text};

/// One element of `data`: an order's feedback and its product reviews.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default)]
pub struct RawOrder<'a> {
    /// `{"orderno", "date"}`.
    #[serde(borrow)]
    pub order: Entry<RawOrderRef<'a>>,
    /// The shop-level score.
    pub score: Lenient<RawScore>,
    /// The shop-level comment.
    #[serde(borrow)]
    pub comment: Lenient<Text<'a>>,
    /// When the feedback was given.
    #[serde(borrow)]
    pub added_on: Lenient<Text<'a>>,
    /// Reviews of the products in the order.
    #[serde(borrow)]
    pub product_reviews: List<RawProductReview<'a>>,
}

/// The `order` object of an element.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default)]
pub struct RawOrderRef<'a> {
    /// The shop's order number.
    #[serde(borrow)]
    pub orderno: Lenient<Id<'a>>,
    /// When the order was placed.
    #[serde(borrow)]
    pub date: Lenient<Text<'a>>,
}

/// One element of `product_reviews`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default)]
pub struct RawProductReview<'a> {
    /// The shop's product id (the CSV feed's "product id").
    #[serde(borrow)]
    pub realid: Lenient<Id<'a>>,
    /// When the review was given.
    #[serde(borrow)]
    pub added_on: Lenient<Text<'a>>,
    /// The product score.
    pub score: Lenient<RawScore>,
    /// The product comment.
    #[serde(borrow)]
    pub comment: Lenient<Text<'a>>,
}

/// A successful response's orders, still unvalidated.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawFeed<'a> {
    /// The elements of `data`, in the order received.
    pub orders: Vec<Entry<RawOrder<'a>>>,
}

/// Why a response yielded no feedback.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    /// The body is not JSON (or is truncated).
    #[error("not valid JSON at line {line}, column {column}: {reason}")]
    Json {
        /// 1-based line of the fault.
        line: usize,
        /// 1-based column of the fault.
        column: usize,
        /// What the JSON parser found.
        reason: String,
    },
    /// JSON of a shape the API never sends (e.g. `data` is not a list on success).
    #[error("unexpected response shape: {0}")]
    Shape(String),
    /// An error envelope.
    #[error(transparent)]
    Upstream(#[from] UpstreamError),
}

/// `data` is the order list on success; error envelopes may carry their message there.
#[derive(Debug, Default)]
enum Data<'a> {
    #[default]
    Missing,
    Orders(Vec<Entry<RawOrder<'a>>>),
    Message(Option<String>),
}

struct DataVisitor<'a>(std::marker::PhantomData<Data<'a>>);

impl<'de: 'a, 'a> Visitor<'de> for DataVisitor<'a> {
    type Value = Data<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of orders, or an error message")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut orders = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
        while let Some(order) = seq.next_element()? {
            orders.push(order);
        }
        Ok(Data::Orders(orders))
    }
    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Data::Message(Some(value.to_owned())))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut message = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "message" | "error" | "msg" => {
                    if let Lenient::Value(Text(text)) = map.next_value::<Lenient<Text<'de>>>()? {
                        message.get_or_insert(text.into_owned());
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Data::Message(message))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Data::Missing)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Data::Missing)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Data::Message(None))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Data::Message(None))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Data::Message(None))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Data::Message(None))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Data<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DataVisitor(std::marker::PhantomData))
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Envelope<'a> {
    #[serde(borrow)]
    status: Lenient<Text<'a>>,
    #[serde(borrow)]
    message: Lenient<Text<'a>>,
    #[serde(borrow)]
    data: Data<'a>,
}

/// `body` with every JSON `\uXXXX` escape of a lone UTF-16 surrogate (a high half not
/// followed by a low one, or a low half alone) replaced by `\uFFFD`, and how many there
/// were. serde_json refuses such a string, and with it the whole response; one comment cut
/// in the middle of an emoji by a PHP `substr` would otherwise fail every sync until it left
/// the window. Borrowed when there is none. A backslash outside a string is invalid JSON
/// anyway, so escapes are found without tracking strings; `\\` is skipped as a pair, so
/// an escaped backslash followed by `ud800` is left as the text it is.
pub fn repair_lone_surrogates(body: &[u8]) -> (std::borrow::Cow<'_, [u8]>, u64) {
    fn unit(body: &[u8], at: usize) -> Option<u16> {
        let hex = body.get(at..at + 4)?;
        u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
    }
    const HIGH: std::ops::Range<u16> = 0xD800..0xDC00;
    const LOW: std::ops::Range<u16> = 0xDC00..0xE000;
    let (mut out, mut copied, mut lone) = (Vec::new(), 0, 0);
    let mut at = 0;
    // `at` passes the end after a backslash that ends the body.
    while let Some(found) = body
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| b == b'\\'))
    {
        let escape = at + found;
        at = escape + 2;
        if body.get(escape + 1) != Some(&b'u') {
            continue;
        }
        let Some(first) = unit(body, escape + 2) else {
            continue;
        };
        at = escape + 6;
        if HIGH.contains(&first) {
            let paired = body.get(at..at + 2) == Some(&b"\\u"[..])
                && unit(body, at + 2).is_some_and(|second| LOW.contains(&second));
            if paired {
                at += 6;
                continue;
            }
        } else if !LOW.contains(&first) {
            continue;
        }
        out.extend_from_slice(&body[copied..escape]);
        out.extend_from_slice(b"\\uFFFD");
        copied = at;
        lone += 1;
    }
    if lone == 0 {
        return (std::borrow::Cow::Borrowed(body), 0);
    }
    out.extend_from_slice(&body[copied..]);
    (std::borrow::Cow::Owned(out), lone)
}

/// Reads one Feedback API response body (a lone surrogate escape fails it: [`read_feed`]
/// repairs those first, see [`repair_lone_surrogates`]).
///
/// [`read_feed`]: crate::normalise::read_feed
///
/// Success is `"status": "success"` (trimmed, any case) with `data` an array, null or absent;
/// any other status is an [`UpstreamError`], whatever HTTP status came with it. A UTF-8 byte
/// order mark is skipped.
pub fn parse_feed(body: &[u8]) -> Result<RawFeed<'_>, FeedError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let envelope = match serde_json::from_slice::<Entry<Envelope<'_>>>(body) {
        Ok(Entry::Object(envelope)) => envelope,
        Ok(_) => return Err(FeedError::Shape("the response is not a JSON object".into())),
        Err(error) => {
            return Err(FeedError::Json {
                line: error.line(),
                column: error.column(),
                reason: json_reason(&error),
            })
        }
    };
    let status = match &envelope.status {
        Lenient::Value(Text(status)) => Some(status.as_ref()),
        _ => None,
    };
    if status.is_some_and(|status| status.trim().eq_ignore_ascii_case("success")) {
        return match envelope.data {
            Data::Orders(orders) => Ok(RawFeed { orders }),
            Data::Missing => Ok(RawFeed::default()),
            Data::Message(_) => Err(FeedError::Shape(
                "status is \"success\" but data is not a list of orders".into(),
            )),
        };
    }
    let message = match (&envelope.message, &envelope.data) {
        (Lenient::Value(Text(message)), _) => Some(message.as_ref()),
        (_, Data::Message(Some(message))) => Some(message.as_str()),
        _ => None,
    };
    Err(UpstreamError::from_envelope(status, message).into())
}

/// The parser's reason without its " at line L column C" suffix (the error carries those).
fn json_reason(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}
