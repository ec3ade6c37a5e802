//! Upstream dates carry no zone: they are wall-clock times in the shop's IANA zone.

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;

use crate::time::{split_date_time, Timestamp};

/// The IANA zone the upstream's `YYYY-MM-DD HH:MM:SS` dates are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalZone(Tz);

/// A zone name the tz database does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown time zone {0:?}: use an IANA name such as Europe/Bucharest")]
pub struct UnknownZone(pub String);

impl Default for LocalZone {
    /// Europe/Bucharest, where Retargeting's servers write their dates.
    fn default() -> Self {
        Self(chrono_tz::Europe::Bucharest)
    }
}

impl FromStr for LocalZone {
    type Err = UnknownZone;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        name.trim()
            .parse::<Tz>()
            .map(Self)
            .map_err(|_| UnknownZone(name.to_owned()))
    }
}

impl fmt::Display for LocalZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name())
    }
}

impl LocalZone {
    /// Converts an upstream `YYYY-MM-DD HH:MM:SS` wall-clock time (a `T` separator is accepted
    /// too) to a UTC instant; `None` when it is not a real calendar date and time.
    ///
    /// Wall-clock times that happen twice (the autumn DST overlap) take the earlier instant;
    /// times that never happen (the spring DST gap) are read with the offset in force just
    /// before the gap, so 03:30 in a 03:00→04:00 gap becomes 04:30 — RFC 5545's rule.
    pub fn to_utc(self, text: &str) -> Option<Timestamp> {
        let bytes = text.as_bytes();
        if !matches!(bytes.get(10), Some(b' ' | b'T')) {
            return None;
        }
        let (year, month, day, hour, minute, second) = split_date_time(bytes)?;
        let naive = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?
            .and_hms_opt(hour, minute, second)?;
        let utc = match self.0.from_local_datetime(&naive) {
            chrono::LocalResult::Single(at) => at.naive_utc(),
            chrono::LocalResult::Ambiguous(earlier, _) => earlier.naive_utc(),
            chrono::LocalResult::None => naive - self.offset_before_gap(naive),
        };
        Some(Timestamp::from_unix(utc.and_utc().timestamp()))
    }

    /// The UTC offset in force a day before `naive`: transitions are months apart, so that
    /// is the offset just before a gap that contains `naive`.
    fn offset_before_gap(self, naive: NaiveDateTime) -> chrono::TimeDelta {
        let probe = naive - chrono::TimeDelta::days(1);
        let seconds = self
            .0
            .offset_from_utc_datetime(&probe)
            .fix()
            .local_minus_utc();
        chrono::TimeDelta::seconds(i64::from(seconds))
    }
}
