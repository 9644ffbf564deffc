//! RFC 3339 date-times in JSON, keeping the value's own offset, and dates (`YYYY-MM-DD`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An `OffsetDateTime` read from and written as RFC 3339 text; the generated
/// decoders use it field by field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rfc3339(pub time::OffsetDateTime);

impl<'de> Deserialize<'de> for Rfc3339 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl serde::de::Visitor<'_> for TextVisitor {
            type Value = Rfc3339;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an RFC 3339 date-time")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Rfc3339, E> {
                time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
                    .map(Rfc3339)
                    .map_err(|e| E::custom(format_args!("invalid date-time {text:?}: {e}")))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

impl Serialize for Rfc3339 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; 64];
        match super::query::rfc3339(&self.0, &mut buf) {
            Some(text) => serializer.serialize_str(text),
            None => Err(serde::ser::Error::custom(format_args!("{} has no RFC 3339 form", self.0))),
        }
    }
}

/// For `#[serde(with = "…")]` on an `OffsetDateTime` field.
pub fn serialize<S: Serializer>(value: &time::OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
    Rfc3339(*value).serialize(serializer)
}

/// For `#[serde(with = "…")]` on an `OffsetDateTime` field.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<time::OffsetDateTime, D::Error> {
    Rfc3339::deserialize(deserializer).map(|v| v.0)
}

/// For `#[serde(with = "…")]` on an `Option<OffsetDateTime>` field.
pub mod option {
    use super::Rfc3339;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Writes `null` for `None`.
    pub fn serialize<S: Serializer>(value: &Option<time::OffsetDateTime>, serializer: S) -> Result<S::Ok, S::Error> {
        value.map(Rfc3339).serialize(serializer)
    }

    /// Reads `null` as `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<time::OffsetDateTime>, D::Error> {
        Ok(Option::<Rfc3339>::deserialize(deserializer)?.map(|v| v.0))
    }
}

/// A `time::Date` read from and written as `YYYY-MM-DD` (RFC 3339 `full-date`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FullDate(pub time::Date);

/// The date in `text`, exactly `YYYY-MM-DD`; `None` for anything else.
pub fn parse_date(text: &str) -> Option<time::Date> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes.get(range)?.iter().try_fold(0u32, |n, b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    let month = time::Month::try_from(u8::try_from(digits(5..7)?).ok()?).ok()?;
    let day = u8::try_from(digits(8..10)?).ok()?;
    time::Date::from_calendar_date(year, month, day).ok()
}

/// `YYYY-MM-DD` written into `buf`; `None` for a year outside 0..=9999.
pub fn format_date<'b>(value: &time::Date, buf: &'b mut [u8; 10]) -> Option<&'b str> {
    let year = u32::try_from(value.year()).ok().filter(|y| *y <= 9999)?;
    let parts = [(year, 0, 4), (u32::from(u8::from(value.month())), 5, 2), (u32::from(value.day()), 8, 2)];
    for (mut n, at, width) in parts {
        for i in (at..at + width).rev() {
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
    }
    buf[4] = b'-';
    buf[7] = b'-';
    std::str::from_utf8(buf).ok()
}

impl<'de> Deserialize<'de> for FullDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl serde::de::Visitor<'_> for TextVisitor {
            type Value = FullDate;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a date YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<FullDate, E> {
                parse_date(text)
                    .map(FullDate)
                    .ok_or_else(|| E::custom(format_args!("invalid date {text:?}: expected YYYY-MM-DD")))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

impl Serialize for FullDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; 10];
        match format_date(&self.0, &mut buf) {
            Some(text) => serializer.serialize_str(text),
            None => Err(serde::ser::Error::custom(format_args!("{} has no YYYY-MM-DD form", self.0))),
        }
    }
}

/// For `#[serde(with = "…")]` on a `time::Date` field.
pub mod date {
    use super::FullDate;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Writes `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(value: &time::Date, serializer: S) -> Result<S::Ok, S::Error> {
        FullDate(*value).serialize(serializer)
    }

    /// Reads exactly `YYYY-MM-DD`.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<time::Date, D::Error> {
        FullDate::deserialize(deserializer).map(|v| v.0)
    }

    /// For `#[serde(with = "…")]` on an `Option<time::Date>` field.
    pub mod option {
        use super::FullDate;
        use serde::{Deserialize, Deserializer, Serialize, Serializer};

        /// Writes `null` for `None`.
        pub fn serialize<S: Serializer>(value: &Option<time::Date>, serializer: S) -> Result<S::Ok, S::Error> {
            value.map(FullDate).serialize(serializer)
        }

        /// Reads `null` as `None`.
        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<time::Date>, D::Error> {
            Ok(Option::<FullDate>::deserialize(deserializer)?.map(|v| v.0))
        }
    }
}
