//! Field types that accept the shapes real upstream data takes, and record — instead of
//! failing the whole response — when a field has a shape it should not.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A field as received: absent or null, a value, or a value of the wrong shape.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Lenient<T> {
    /// The field was absent or `null`.
    #[default]
    Missing,
    /// The field held a usable value.
    Value(T),
    /// The field held something unusable (wrong type, not an integer, …).
    Invalid,
}

/// How one kind of field turns JSON scalars into its value; `None` means invalid.
pub trait Accept<'de>: Sized {
    /// What the field should hold, for error messages.
    const EXPECTING: &'static str;
    /// From a JSON string.
    fn text(value: Cow<'de, str>) -> Option<Self>;
    /// From a JSON integer.
    fn integer(value: i128) -> Option<Self>;
    /// From a JSON number with a fraction or exponent.
    fn float(value: f64) -> Option<Self> {
        (value.is_finite() && value.fract() == 0.0 && value.abs() < 1e15)
            .then(|| Self::integer(value as i128))
            .flatten()
    }
}

/// Free text (a comment, a date); numbers are not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text<'a>(pub Cow<'a, str>);

/// An identifier: a string, or an integer written as a JSON number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Id<'a>(pub Cow<'a, str>);

/// A score: an integer, or a string holding one. Range is checked later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawScore(pub i64);

impl<'de: 'a, 'a> Accept<'de> for Text<'a> {
    const EXPECTING: &'static str = "a string or null";
    fn text(value: Cow<'de, str>) -> Option<Self> {
        Some(Self(value))
    }
    fn integer(_: i128) -> Option<Self> {
        None
    }
    fn float(_: f64) -> Option<Self> {
        None
    }
}

impl<'de: 'a, 'a> Accept<'de> for Id<'a> {
    const EXPECTING: &'static str = "a string, an integer or null";
    fn text(value: Cow<'de, str>) -> Option<Self> {
        Some(Self(value))
    }
    fn integer(value: i128) -> Option<Self> {
        Some(Self(Cow::Owned(value.to_string())))
    }
}

impl<'de> Accept<'de> for RawScore {
    const EXPECTING: &'static str = "an integer, a string holding one, or null";
    fn text(value: Cow<'de, str>) -> Option<Self> {
        value.trim().parse().ok().map(Self)
    }
    fn integer(value: i128) -> Option<Self> {
        i64::try_from(value).ok().map(Self)
    }
}

struct LenientVisitor<T>(PhantomData<T>);

impl<'de, T: Accept<'de>> Visitor<'de> for LenientVisitor<T> {
    type Value = Lenient<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Lenient::Missing)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Lenient::Missing)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Lenient::Invalid)
    }
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(T::integer(value.into()).map_or(Lenient::Invalid, Lenient::Value))
    }
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(T::integer(value.into()).map_or(Lenient::Invalid, Lenient::Value))
    }
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        Ok(T::float(value).map_or(Lenient::Invalid, Lenient::Value))
    }
    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
        Ok(T::text(Cow::Borrowed(value)).map_or(Lenient::Invalid, Lenient::Value))
    }
    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(T::text(Cow::Owned(value.to_owned())).map_or(Lenient::Invalid, Lenient::Value))
    }
    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        Ok(T::text(Cow::Owned(value)).map_or(Lenient::Invalid, Lenient::Value))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Lenient::Invalid)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Lenient::Invalid)
    }
}

impl<'de, T: Accept<'de>> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LenientVisitor(PhantomData))
    }
}

/// A value that should be a JSON object.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Entry<T> {
    /// Absent or `null`.
    #[default]
    Missing,
    /// An object, read field by field.
    Object(T),
    /// Any other JSON value.
    NotAnObject,
}

struct EntryVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for EntryVisitor<T> {
    type Value = Entry<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Entry::Object)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Entry::Missing)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Entry::Missing)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Entry::NotAnObject)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Entry::NotAnObject)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Entry::NotAnObject)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Entry::NotAnObject)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Entry::NotAnObject)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Entry::NotAnObject)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Entry<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(EntryVisitor(PhantomData))
    }
}

/// A value that should be a JSON array of objects.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum List<T> {
    /// Absent or `null`.
    #[default]
    Missing,
    /// An array; each element may or may not be an object.
    Items(Vec<Entry<T>>),
    /// Any other JSON value.
    NotAList,
}

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = List<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(List::Items(items))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(List::Missing)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(List::Missing)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(List::NotAList)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(List::NotAList)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(List::NotAList)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(List::NotAList)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(List::NotAList)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(List::NotAList)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ListVisitor(PhantomData))
    }
}
